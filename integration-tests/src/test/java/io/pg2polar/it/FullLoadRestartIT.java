package io.pg2polar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

/**
 * The COPY full load interrupted halfway - its source sessions terminated, or the worker killed with SIGKILL -
 * starts over from a new snapshot: the slot, from which nothing streamed yet, is created again, the sink empties
 * each table when chunks of the newer snapshot arrive, and the target ends with exactly the source's rows while
 * applications write throughout (no duplicate in the table without a key, nothing lost).
 */
class FullLoadRestartIT {

    @RegisterExtension
    static final MigrationEnvironment env = MigrationEnvironment.dedicated();

    private static final TableId BULK = new TableId("public", "bulk");
    /** Small chunks make the load of this table take seconds, long enough to interrupt it. */
    private static final int BULK_ROWS = 300_000;
    private static final String SNAPSHOT_POSITION = "SELECT coalesce(max(snapshot_position), -1) FROM pg2polar.snapshot_attempts"
            + " WHERE table_schema = 'public' AND table_name = 'bulk'";
    private static final String FULL_LOAD_READING = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pg2polar-full-load'"
            + " AND state = 'active' AND query LIKE 'COPY%'";

    @Test
    void sourceSessionsTerminatedMidLoadStartTheLoadOver() {
        interruptAndCompare("fl_term", sourceDb -> query(env.source(), sourceDb,
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'pg2polar-full-load'"));
    }

    @Test
    void workerKilledMidLoadStartsTheLoadOver() {
        interruptAndCompare("fl_kill", sourceDb -> {
            env.worker().kill();
            env.worker().launch();
        });
    }

    private void interruptAndCompare(String name, java.util.function.Consumer<String> fault) {
        String sourceDb = name + "_src";
        String targetDb = name + "_tgt";
        env.source().createDatabase(sourceDb);
        env.target().createDatabase(targetDb);
        FamilyTables.create(env.source(), sourceDb);
        FamilyTables.load(env.source(), sourceDb, 1_000);
        KeylessLogTable.create(env.source(), sourceDb, 300);
        // a key, a unique constraint and a plain index: the sink builds the plain one after the load (full.load.defer.indexes)
        env.source().execute(sourceDb, "CREATE TABLE bulk (id bigint PRIMARY KEY, payload text, code text UNIQUE);"
                + " CREATE INDEX bulk_payload ON bulk (payload) WHERE payload IS NOT NULL;"
                + " INSERT INTO bulk SELECT g, md5(g::text), 'c' || g FROM generate_series(1, " + BULK_ROWS + ") g");
        List<TableId> tables = new ArrayList<>(FamilyTables.ALL);
        tables.add(KeylessLogTable.TABLE);
        tables.add(BULK);

        // a killed worker leaves its last source transaction open; the replacement waits for it to time out: 10 s.
        // The task's own restart after a failed read must come well inside that: at Debezium's default 10 s wait the
        // broker aborted the open transaction first and the producer failed for good (InvalidTxnStateException)
        Definition source = ConnectorConfigs.source(name, sourceDb, Map.of("snapshot.chunk.bytes", "4096",
                "producer.override.transaction.timeout.ms", "10000", "retriable.restart.connector.wait.ms", "1000"));
        Definition sink = ConnectorConfigs.sink(name, targetDb, ConnectorConfigs.KILLED_WORKER_FAILOVER);
        try (LiveWriter family = LiveWriter.start(env.source(), sourceDb, new FamilyWorkload(), 25);
                LiveWriter log = LiveWriter.start(env.source(), sourceDb, new KeylessLogTable(), 25)) {
            env.rest().putConnector(source.name(), source.config());
            env.rest().putConnector(sink.name(), sink.config());
            long firstSnapshot = Await.value("the first chunks of bulk on the target", Duration.ofMinutes(2),
                    () -> {
                        long position = query(env.target(), targetDb, SNAPSHOT_POSITION);
                        return position > 0 ? position : null;
                    }, Duration.ofMillis(50));
            assertTrue(query(env.source(), sourceDb, FULL_LOAD_READING) > 0,
                    "the full load ended before it could be interrupted; make bulk larger");
            assertEquals(1, query(env.target(), targetDb, "SELECT count(*) FROM pg2polar.deferred_indexes WHERE table_name = 'bulk'"),
                    "bulk's plain index is dropped while it loads (its key and unique constraint stay: children may reference them)");
            fault.accept(sourceDb);
            Await.until("the full load to start over from a new snapshot", Duration.ofMinutes(2),
                    () -> query(env.target(), targetDb, SNAPSHOT_POSITION) != firstSnapshot);
            env.rest().awaitRunning(source.name(), Duration.ofMinutes(2));
            env.rest().awaitRunning(sink.name(), Duration.ofMinutes(2));
            family.stop();
            log.stop();
        }

        DatabaseComparison.awaitIdentical(new Side(env.source(), sourceDb), new Side(env.target(), targetDb), tables, Duration.ofMinutes(4));
        assertEquals(indexes(env.source(), sourceDb), indexes(env.target(), targetDb),
                "the indexes dropped for the full load are all built again, as on the source");
        assertEquals(0, query(env.target(), targetDb, "SELECT count(*) FROM pg2polar.deferred_indexes"));
        env.rest().delete(sink.name());
        env.rest().delete(source.name());
        Slots.drop(env.source(), sourceDb, "pg2polar_" + name + "_source");
    }

    /** Every index of the user's tables, as its definition, and every key and unique constraint. */
    private static List<String> indexes(PostgresServer server, String database) {
        List<String> definitions = new ArrayList<>();
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'"
                        + " UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
                        + " WHERE contype IN ('p', 'u') AND connamespace = 'public'::regnamespace ORDER BY 1")) {
            while (rs.next()) {
                definitions.add(rs.getString(1));
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return definitions;
    }

    private static long query(PostgresServer server, String database, String sql) {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
        catch (SQLException e) {
            // the pg2polar schema is not there until the sink's first write
            return -1;
        }
    }
}
