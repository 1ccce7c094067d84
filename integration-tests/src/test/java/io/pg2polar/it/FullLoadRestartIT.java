package io.pg2polar.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.DatabaseComparison.Side;
import io.pg2polar.it.kit.FamilyTables;
import io.pg2polar.it.kit.FamilyWorkload;
import io.pg2polar.it.kit.KeylessLogTable;
import io.pg2polar.it.kit.LiveWriter;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Slots;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.servers.postgres.PostgresServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chunked full load interrupted halfway - its reader sessions terminated, or the worker killed with SIGKILL - goes
 * on with its next chunks (design decision 30): the slot and the load stay the same (the sink never empties a table),
 * and the target ends with exactly the source's rows while applications write throughout, changes streaming during the
 * load (no duplicate in the tables without a key, whose rows repeat, nothing lost). The kill also measures how much of
 * the table was read over both attempts and how old the migration's snapshots on the source got.
 */
class FullLoadRestartIT {

    @RegisterExtension
    static final MigrationEnvironment env = MigrationEnvironment.dedicated();

    private static final TableId BULK = new TableId("public", "bulk");
    /** Small chunks make the load of this table take seconds, long enough to interrupt it. */
    private static final int BULK_ROWS = 300_000;

    private static final String SNAPSHOT_POSITION =
            "SELECT coalesce(max(snapshot_position), -1) FROM pg2polar.snapshot_attempts"
                    + " WHERE table_schema = 'public' AND table_name = 'bulk'";
    private static final TableId BIG = new TableId("public", "big");
    private static final TableId LOG = new TableId("public", "log");
    private static final TableId HOT = new TableId("public", "hot");
    private static final int BIG_ROWS = Integer.getInteger("pg2polar.it.chunked.rows", 100_000);
    private static final String BIG_POSITION =
            "SELECT coalesce(max(snapshot_position), -1) FROM pg2polar.snapshot_attempts"
                    + " WHERE table_schema = 'public' AND table_name = 'big'";
    private static final String BIG_LOADED =
            "SELECT count(*) FROM pg2polar.table_progress WHERE table_name = 'big' AND snapshot_done";
    /** Snapshots held this long fail the test: the bound. */
    private static final Duration SNAPSHOT_LIMIT = Duration.ofSeconds(30);

    private static final String BULK_LOADED = "SELECT count(*) FROM pg2polar.table_progress"
            + " WHERE table_schema = 'public' AND table_name = 'bulk' AND snapshot_done";

    @Test
    void readerSessionsTerminatedMidLoadAreReplacedAndTheLoadGoesOn() {
        interruptAndCompare(
                "fl_term",
                sourceDb -> query(
                        env.source(),
                        sourceDb,
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'pg2polar-full-load'"));
    }

    /**
     * Killed halfway, the load of a table an application changes all over - rows in chunks already loaded, being loaded
     * and not yet loaded - goes on with its next chunks and reads the table at most 1.15 times over both attempts; no
     * session of the migration holds a snapshot for {@link #SNAPSHOT_LIMIT} or longer, and autovacuum keeps the dead rows
     * of a table written throughout down while it loads. The issue asks for 5 M rows; the suite uses
     * {@value #BIG_ROWS}, with about a hundred chunks as a large table has at the default range size (the property is the
     * same at any size), and {@code -Dpg2polar.it.chunked.rows=5000000} runs the full size.
     */
    @Test
    void workerKilledHalfwayGoesOnWithTheNextChunkAndReadsTheTableAtMost115Times() {
        String name = "fl_kill";
        String sourceDb = name + "_src";
        String targetDb = name + "_tgt";
        createBig(sourceDb);
        env.target().createDatabase(targetDb);
        // about a hundred chunks of big read by two sessions: at most three chunks a session are read again after a
        // kill
        long rangeBytes = Math.max(64 * 1024, (long) BIG_ROWS * 110 / 100);
        Definition source = ConnectorConfigs.source(
                name,
                sourceDb,
                Map.of(
                        "snapshot.range.bytes",
                        Long.toString(rangeBytes),
                        "snapshot.max.threads",
                        "2",
                        "producer.override.transaction.timeout.ms",
                        "10000",
                        "retriable.restart.connector.wait.ms",
                        "1000"));
        Definition sink = ConnectorConfigs.sink(name, targetDb, ConnectorConfigs.KILLED_WORKER_FAILOVER);
        BigWriter writes = new BigWriter();
        // autovacuum looks every second and vacuums hot after 50 dead rows: it shows during the load whether a snapshot
        // keeps them
        env.source().execute("postgres", "ALTER SYSTEM SET autovacuum_naptime = '1s'");
        env.source().execute("postgres", "SELECT pg_reload_conf()");
        env.source()
                .execute(
                        sourceDb,
                        "ALTER TABLE hot SET (autovacuum_vacuum_threshold = 50, autovacuum_vacuum_scale_factor = 0)");
        long firstLoad;
        try (LiveWriter writer = LiveWriter.start(env.source(), sourceDb, writes, 10);
                LoadSampler sampler = new LoadSampler(sourceDb, targetDb)) {
            env.rest().putConnector(source.name(), source.config());
            env.rest().putConnector(sink.name(), sink.config());
            Await.until(
                    "half of big on the target",
                    Duration.ofMinutes(5),
                    () -> query(env.target(), targetDb, "SELECT count(*) FROM big") >= BIG_ROWS / 2);
            // a vacuum now, while big loads, removes hot's dead rows unless a session of the migration holds an old
            // snapshot
            // (autovacuum may not come round during a load that takes seconds on a quiet machine: it is only reported)
            long deadLeft = deadRowsLeftByVacuum(sourceDb, "hot");
            assertTrue(
                    query(env.target(), targetDb, BIG_LOADED) <= 0, "big was loaded before the worker could be killed");
            firstLoad = query(env.target(), targetDb, BIG_POSITION);
            assertEquals(
                    1,
                    query(
                            env.target(),
                            targetDb,
                            "SELECT count(*) FROM pg2polar.deferred_indexes WHERE table_name = 'big'"),
                    "big's plain index is dropped while it loads (its key stays: children may reference it)");
            env.worker().kill();
            env.worker().launch();
            Await.until(
                    "big's last chunk on the target",
                    Duration.ofMinutes(5),
                    () -> query(env.target(), targetDb, BIG_LOADED) > 0);
            writer.stop();
            long read = rowsRead(sourceDb) - writes.fetchesOfBig.get();
            System.out.printf(
                    "FullLoadRestartIT: %d rows of big read for %d rows (%.3f), oldest snapshot of the migration %d ms,"
                            + " autovacuum of hot during the load: %d, its dead rows at most %d%n",
                    read,
                    BIG_ROWS,
                    (double) read / BIG_ROWS,
                    sampler.oldestMillis(),
                    sampler.autovacuumsWhileLoading(),
                    sampler.mostDeadAfterAutovacuum());
            System.out.printf(
                    "FullLoadRestartIT: big's reads: %s; the writer's fetches %d%n",
                    readsByKind(sourceDb), writes.fetchesOfBig.get());
            assertTrue(
                    read <= BIG_ROWS * 1.15,
                    "big was read " + read + " times for " + BIG_ROWS + " rows: the load started over");
            sampler.assertYoungerThan(SNAPSHOT_LIMIT);
            System.out.printf("FullLoadRestartIT: a vacuum of hot while big loaded left %d dead rows%n", deadLeft);
            assertTrue(
                    deadLeft < 500,
                    "a vacuum of hot while big loaded left " + deadLeft
                            + " dead rows: a snapshot of the load kept them");
            assertTrue(
                    sampler.mostDeadAfterAutovacuum() < 500,
                    "autovacuum did not keep hot's dead rows down while big loaded");
        }
        DatabaseComparison.awaitIdentical(
                new Side(env.source(), sourceDb),
                new Side(env.target(), targetDb),
                List.of(BIG, LOG, HOT),
                Duration.ofMinutes(4));
        assertEquals(
                firstLoad,
                query(env.target(), targetDb, BIG_POSITION),
                "the load went on: the same load, big never emptied for a new one");
        assertEquals(
                indexes(env.source(), sourceDb),
                indexes(env.target(), targetDb),
                "the indexes dropped for the full load are all built again, as on the source");
        assertEquals(0, query(env.target(), targetDb, "SELECT count(*) FROM pg2polar.deferred_indexes"));
        env.rest().delete(sink.name());
        env.rest().delete(source.name());
        Slots.drop(env.source(), sourceDb, "pg2polar_" + name + "_source");
    }

    private static void createBig(String sourceDb) {
        env.source().createDatabase(sourceDb);
        env.source().execute(sourceDb, """
                CREATE TABLE big (id bigint PRIMARY KEY, n integer NOT NULL, note text NOT NULL);
                CREATE INDEX big_n ON big (n);
                INSERT INTO big SELECT g, 0, md5(g::text) || md5((g * 7)::text) FROM generate_series(1, %d) g;
                CREATE TABLE log (at timestamptz NOT NULL, kind text, n integer);
                ALTER TABLE log REPLICA IDENTITY FULL;
                INSERT INTO log SELECT timestamptz '2026-01-01 00:00:00+00' + (g %% 1000) * interval '1 s', 'k' || (g %% 7), g %% 3
                FROM generate_series(1, %d) g;
                CREATE TABLE hot (id integer PRIMARY KEY, n bigint NOT NULL);
                INSERT INTO hot SELECT g, 0 FROM generate_series(1, 200) g;
                ANALYZE big, log, hot;
                """.formatted(BIG_ROWS, Math.max(1000, BIG_ROWS / 20)));
    }

    /**
     * The application: an update, an insert and a delete of big anywhere in its key range, a change of one of the
     * keyless log's repeated rows, and updates of hot, whose dead rows vacuum must be able to remove.
     */
    private static final class BigWriter implements LiveWriter.Workload {

        /** Rows of big the writer's own statements fetched by key: they count in big's statistics too. */
        final AtomicLong fetchesOfBig = new AtomicLong();

        private final AtomicLong nextId = new AtomicLong(BIG_ROWS);

        @Override
        public void writeOne(Connection connection) throws SQLException {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            try (Statement statement = connection.createStatement()) {
                fetchesOfBig.addAndGet(
                        statement.executeUpdate("UPDATE big SET n = n + 1, note = note || 'u' WHERE id = "
                                + (1 + random.nextLong(nextId.get()))));
                statement.executeUpdate("INSERT INTO big VALUES (" + nextId.incrementAndGet() + ", 1, 'new')");
                fetchesOfBig.addAndGet(
                        statement.executeUpdate("DELETE FROM big WHERE id = " + (1 + random.nextLong(nextId.get()))));
                String kind = "'k" + random.nextInt(7) + "'";
                switch (random.nextInt(3)) {
                    case 0 ->
                        statement.executeUpdate(
                                "INSERT INTO log VALUES (timestamptz '2026-01-01 00:00:00+00', " + kind + ", 1)");
                    case 1 ->
                        statement.executeUpdate(
                                "UPDATE log SET n = n + 1 WHERE ctid = (SELECT ctid FROM log WHERE kind = " + kind
                                        + " LIMIT 1)");
                    default ->
                        statement.executeUpdate("DELETE FROM log WHERE ctid = (SELECT ctid FROM log WHERE kind = "
                                + kind + " LIMIT 1)");
                }
                statement.executeUpdate("UPDATE hot SET n = n + 1 WHERE id = " + (1 + random.nextInt(200)));
            }
        }
    }

    /** Vacuums the table and returns the dead rows it could not remove (those a snapshot still sees). */
    private static long deadRowsLeftByVacuum(String sourceDb, String table) {
        env.source().execute(sourceDb, "VACUUM " + table);
        return query(
                env.source(), sourceDb, "SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = '" + table + "'");
    }

    /** Rows of big the source returned to scans: its sequential and index reads, the load's and the writer's. */
    private static long rowsRead(String sourceDb) {
        // a session's statistics reach the shared counters at the latest when it ends: the readers end with the load
        Await.until(
                "the full load's readers to end",
                Duration.ofMinutes(1),
                () -> query(
                                env.source(),
                                sourceDb,
                                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pg2polar-full-load' AND datname = current_database()")
                        == 0);
        return query(
                env.source(),
                sourceDb,
                "SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables"
                        + " WHERE relname = 'big'");
    }

    /** Big's reads by kind: sequential and sampled, and fetched through each index, to tell whose they are. */
    private static String readsByKind(String sourceDb) {
        try (Connection connection = env.source().connect(sourceDb);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT 'seq_tup_read ' || t.seq_tup_read || ' in ' || t.seq_scan || ' scans, '"
                                + " || string_agg(i.indexrelname || ' ' || i.idx_tup_fetch || ' in ' || i.idx_scan || ' scans', ', ')"
                                + " FROM pg_stat_user_tables t JOIN pg_stat_user_indexes i USING (relid) WHERE t.relname = 'big'"
                                + " GROUP BY t.seq_tup_read, t.seq_scan")) {
            return rs.next() ? rs.getString(1) : "none";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    /**
     * Samples every second how long the oldest snapshot of the migration's sessions on the source has been held, and
     * whether autovacuum vacuums hot, written throughout, while big loads, and how many dead rows hot keeps then: a
     * snapshot held by the load would keep every row updated since it was taken.
     */
    private static final class LoadSampler implements AutoCloseable {

        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong oldest = new AtomicLong();
        private final AtomicLong autovacuums = new AtomicLong();
        private final AtomicLong mostDead = new AtomicLong();
        private long lastAutovacuums = -1;

        LoadSampler(String sourceDb, String targetDb) {
            sampler.scheduleAtFixedRate(
                    () -> {
                        oldest.accumulateAndGet(query(env.source(), sourceDb, """
                        SELECT coalesce(max(extract(epoch FROM clock_timestamp() - xact_start) * 1000), 0)::bigint FROM pg_stat_activity
                        WHERE datname = current_database() AND backend_xmin IS NOT NULL AND pid <> pg_backend_pid()
                          AND (application_name LIKE 'pg2polar%' OR application_name LIKE 'Debezium%' OR backend_type = 'walsender')"""), Math::max);
                        long vacuums = query(
                                env.source(),
                                sourceDb,
                                "SELECT autovacuum_count FROM pg_stat_user_tables WHERE relname = 'hot'");
                        boolean loading = query(
                                        env.target(),
                                        targetDb,
                                        "SELECT count(*) FROM pg2polar.table_progress WHERE table_name = 'big' AND loading")
                                > 0;
                        if (loading && lastAutovacuums >= 0 && vacuums > lastAutovacuums) {
                            autovacuums.addAndGet(vacuums - lastAutovacuums);
                            mostDead.accumulateAndGet(
                                    query(
                                            env.source(),
                                            sourceDb,
                                            "SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'hot'"),
                                    Math::max);
                        }
                        lastAutovacuums = vacuums;
                    },
                    0,
                    1,
                    TimeUnit.SECONDS);
        }

        long oldestMillis() {
            return oldest.get();
        }

        long autovacuumsWhileLoading() {
            return autovacuums.get();
        }

        long mostDeadAfterAutovacuum() {
            return mostDead.get();
        }

        void assertYoungerThan(Duration limit) {
            assertTrue(
                    oldest.get() < limit.toMillis(),
                    "a session of the migration held a snapshot for " + oldest.get() + " ms");
        }

        @Override
        public void close() {
            sampler.shutdownNow();
        }
    }

    private void interruptAndCompare(String name, java.util.function.Consumer<String> fault) {
        String sourceDb = name + "_src";
        String targetDb = name + "_tgt";
        env.source().createDatabase(sourceDb);
        env.target().createDatabase(targetDb);
        FamilyTables.create(env.source(), sourceDb);
        FamilyTables.load(env.source(), sourceDb, 1_000);
        KeylessLogTable.create(env.source(), sourceDb, 300);
        // a key, a unique constraint and a plain index: the sink builds the plain one after the load
        // (full.load.defer.indexes)
        env.source()
                .execute(
                        sourceDb,
                        "CREATE TABLE bulk (id bigint PRIMARY KEY, payload text, code text UNIQUE);"
                                + " CREATE INDEX bulk_payload ON bulk (payload) WHERE payload IS NOT NULL;"
                                + " INSERT INTO bulk SELECT g, md5(g::text), 'c' || g FROM generate_series(1, "
                                + BULK_ROWS + ") g");
        List<TableId> tables = new ArrayList<>(FamilyTables.ALL);
        tables.add(KeylessLogTable.TABLE);
        tables.add(BULK);

        // a killed worker leaves its last source transaction open; the replacement waits for it to time out: 10 s.
        // The task's own restart after a failed read must come well inside that: at Debezium's default 10 s wait the
        // broker aborted the open transaction first and the producer failed for good (InvalidTxnStateException)
        Definition source = ConnectorConfigs.source(
                name,
                sourceDb,
                Map.of(
                        "snapshot.chunk.bytes",
                        "16384",
                        "snapshot.range.bytes",
                        "262144",
                        "producer.override.transaction.timeout.ms",
                        "10000",
                        "retriable.restart.connector.wait.ms",
                        "1000"));
        Definition sink = ConnectorConfigs.sink(name, targetDb, ConnectorConfigs.KILLED_WORKER_FAILOVER);
        long firstLoad;
        try (LiveWriter family = LiveWriter.start(env.source(), sourceDb, new FamilyWorkload(), 25);
                LiveWriter log = LiveWriter.start(env.source(), sourceDb, new KeylessLogTable(), 25)) {
            env.rest().putConnector(source.name(), source.config());
            env.rest().putConnector(sink.name(), sink.config());
            Await.value(
                    "the first chunks of bulk on the target",
                    Duration.ofMinutes(2),
                    () -> query(env.target(), targetDb, "SELECT count(*) FROM bulk") > 0 ? true : null,
                    Duration.ofMillis(50));
            firstLoad = query(env.target(), targetDb, SNAPSHOT_POSITION);
            assertTrue(
                    query(env.target(), targetDb, "SELECT count(*) FROM bulk") < BULK_ROWS,
                    "the full load ended before it could be interrupted; make bulk larger");
            assertEquals(
                    1,
                    query(
                            env.target(),
                            targetDb,
                            "SELECT count(*) FROM pg2polar.deferred_indexes WHERE table_name = 'bulk'"),
                    "bulk's plain index is dropped while it loads (its key and unique constraint stay: children may reference them)");
            fault.accept(sourceDb);
            env.rest().awaitRunning(source.name(), Duration.ofMinutes(2));
            env.rest().awaitRunning(sink.name(), Duration.ofMinutes(2));
            family.stop();
            log.stop();
        }

        DatabaseComparison.awaitIdentical(
                new Side(env.source(), sourceDb), new Side(env.target(), targetDb), tables, Duration.ofMinutes(4));
        assertEquals(
                firstLoad,
                query(env.target(), targetDb, SNAPSHOT_POSITION),
                "the load went on: the same load, bulk never emptied for a new one");
        assertEquals(1, query(env.target(), targetDb, BULK_LOADED), "bulk's last chunk was applied");
        assertEquals(
                indexes(env.source(), sourceDb),
                indexes(env.target(), targetDb),
                "the indexes dropped for the full load are all built again, as on the source");
        assertEquals(0, query(env.target(), targetDb, "SELECT count(*) FROM pg2polar.deferred_indexes"));
        env.rest().delete(sink.name());
        env.rest().delete(source.name());
        Slots.drop(env.source(), sourceDb, "pg2polar_" + name + "_source");
    }

    /** Every index of the user's tables, as its definition, and every key and unique constraint. */
    private static List<String> indexes(PostgresServer server, String database) {
        List<String> definitions = new ArrayList<>();
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'"
                        + " UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
                        + " WHERE contype IN ('p', 'u') AND connamespace = 'public'::regnamespace ORDER BY 1")) {
            while (rs.next()) {
                definitions.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return definitions;
    }

    private static long query(PostgresServer server, String database, String sql) {
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            // the pg2polar schema is not there until the sink's first write
            return -1;
        }
    }
}
