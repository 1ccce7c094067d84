package io.pg2polar.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.DatabaseComparison.Side;
import io.pg2polar.it.kit.LiveWriter;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Slots;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.servers.postgres.PostgresServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chunked full load (design decision 30) of a table while an application updates, inserts and deletes rows all
 * over it - in chunks already loaded, being loaded and not yet loaded - and changes a table without a key whose rows
 * repeat: the source connector paused mid-load holds no snapshot on the source, and resumed, the load goes on where it
 * was (the same load, each chunk applied once), and the target ends equal to the source row for row. A worker killed mid-load is
 * {@code FullLoadRestartIT}'s (it needs servers of its own).
 */
class ChunkedFullLoadIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final int ROWS = 50_000;
    private static final TableId BIG = new TableId("public", "big");
    private static final TableId LOG = new TableId("public", "log");
    private static final TableId HOT = new TableId("public", "hot");

    @Test
    void pausedMidLoadGoesOnWhenResumed() throws Exception {
        String name = "chk_pause";
        String sourceDb = name + "_src";
        String targetDb = name + "_tgt";
        createSource(sourceDb);
        env.target().createDatabase(targetDb);
        Definition source = source(name, sourceDb);
        Definition sink = ConnectorConfigs.sink(name, targetDb, Map.of());
        Writer writes = new Writer();
        try (LiveWriter writer = LiveWriter.start(env.source(), sourceDb, writes, 10)) {
            env.rest().putConnector(source.name(), source.config());
            env.rest().putConnector(sink.name(), sink.config());
            Await.until(
                    "a quarter of big on the target",
                    Duration.ofMinutes(5),
                    () -> count(env.target(), targetDb, "SELECT count(*) FROM big") >= ROWS / 4);
            long load = count(env.target(), targetDb, BIG_POSITION);
            env.rest().pause(source.name());
            env.rest().awaitPaused(source.name(), Duration.ofMinutes(1));
            // a paused task stops sending: its readers stop after two chunks each are waiting and hold no snapshot then
            Await.until(
                    "the paused load's readers to hold no snapshot",
                    Duration.ofMinutes(1),
                    () -> count(
                                    env.source(),
                                    sourceDb,
                                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pg2polar-full-load' AND datname = current_database()"
                                            + " AND backend_xmin IS NOT NULL")
                            == 0);
            assertTrue(
                    count(env.target(), targetDb, BIG_DONE) <= 0,
                    "big was loaded before the source connector was paused");
            env.rest().resume(source.name());
            Await.until(
                    "big's last chunk on the target",
                    Duration.ofMinutes(5),
                    () -> count(env.target(), targetDb, BIG_DONE) > 0);
            writer.stop();
            System.out.printf(
                    "ChunkedFullLoadIT: %d rows of big read on the source for %d rows%n",
                    rowsRead(sourceDb) - writes.fetchesOfBig.get(), ROWS);
            assertEquals(
                    load,
                    count(env.target(), targetDb, BIG_POSITION),
                    "the load went on: the same load, big never emptied for a new one");
            // every chunk applied once: the rows applied from chunks are the rows the table had, no more
            long applied = count(
                    env.target(),
                    targetDb,
                    "SELECT snapshot_rows FROM pg2polar.table_progress WHERE table_name = 'big'");
            assertTrue(
                    applied <= ROWS + writes.inserted.get(),
                    applied + " rows of big applied from chunks: some were applied twice");
        }
        DatabaseComparison.awaitIdentical(
                new Side(env.source(), sourceDb),
                new Side(env.target(), targetDb),
                List.of(BIG, LOG, HOT),
                Duration.ofMinutes(4));
        cleanUp(name, sourceDb, source, sink);
    }

    private static final String BIG_POSITION =
            "SELECT coalesce(max(snapshot_position), -1) FROM pg2polar.snapshot_attempts" + " WHERE table_name = 'big'";
    private static final String BIG_DONE =
            "SELECT count(*) FROM pg2polar.table_progress WHERE table_name = 'big' AND snapshot_done";

    private static Definition source(String name, String sourceDb) {
        // the smallest ranges: big loads in about 50 chunks of 1,000 rows, two at a time
        return ConnectorConfigs.source(
                name, sourceDb, Map.of("snapshot.range.bytes", Long.toString(64 * 1024), "snapshot.max.threads", "2"));
    }

    private static void createSource(String sourceDb) {
        env.source().createDatabase(sourceDb);
        env.source().execute(sourceDb, """
                CREATE TABLE big (id bigint PRIMARY KEY, n integer NOT NULL, note text NOT NULL);
                INSERT INTO big SELECT g, 0, md5(g::text) || md5((g * 7)::text) FROM generate_series(1, %d) g;
                CREATE TABLE log (at timestamptz NOT NULL, kind text, n integer);
                ALTER TABLE log REPLICA IDENTITY FULL;
                INSERT INTO log SELECT timestamptz '2026-01-01 00:00:00+00' + (g %% 1000) * interval '1 s', 'k' || (g %% 7), g %% 3
                FROM generate_series(1, %d) g;
                CREATE TABLE hot (id integer PRIMARY KEY, n bigint NOT NULL);
                INSERT INTO hot SELECT g, 0 FROM generate_series(1, 200) g;
                ANALYZE big, log, hot;
                """.formatted(ROWS, Math.max(1000, ROWS / 20)));
    }

    /**
     * The application: an update, an insert and a delete of big anywhere in its key range, a change of one of the
     * keyless log's repeated rows, and updates of hot, whose dead rows vacuum must be able to remove.
     */
    private static final class Writer implements LiveWriter.Workload {

        /** Rows of big the writer's own statements fetched by key: they count in big's statistics too. */
        final AtomicLong fetchesOfBig = new AtomicLong();
        /** Rows the writer inserted into big. */
        final AtomicLong inserted = new AtomicLong();

        private final AtomicLong nextId = new AtomicLong(ROWS);

        @Override
        public void writeOne(Connection connection) throws SQLException {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            try (Statement statement = connection.createStatement()) {
                fetchesOfBig.addAndGet(
                        statement.executeUpdate("UPDATE big SET n = n + 1, note = note || 'u' WHERE id = "
                                + (1 + random.nextLong(nextId.get()))));
                inserted.addAndGet(
                        statement.executeUpdate("INSERT INTO big VALUES (" + nextId.incrementAndGet() + ", 1, 'new')"));
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

    /** Rows of big the source returned to scans: its sequential and index reads, the load's and the writer's. */
    private static long rowsRead(String sourceDb) {
        // a session's statistics reach the shared counters at the latest when it ends: the readers end with the load
        Await.until(
                "the full load's readers to end",
                Duration.ofMinutes(1),
                () -> count(
                                env.source(),
                                sourceDb,
                                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pg2polar-full-load' AND datname = current_database()")
                        == 0);
        return count(
                env.source(),
                sourceDb,
                "SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables"
                        + " WHERE relname = 'big'");
    }

    private static void cleanUp(String name, String sourceDb, Definition source, Definition sink) {
        env.rest().delete(sink.name());
        env.rest().delete(source.name());
        Slots.drop(env.source(), sourceDb, "pg2polar_" + name + "_source");
    }

    private static long count(PostgresServer server, String database, String sql) {
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            // the target's tables and the pg2polar schema are not there before the sink's first write
            return -1;
        }
    }
}
