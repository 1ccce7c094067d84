package io.pg2polar.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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
import io.pg2polar.it.kit.LiveWriter;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Slots;
import io.pg2polar.it.kit.TwoDatabaseMigration;
import io.pg2polar.servers.connect.ConnectRestClient;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Migrations end to end, started the way users start them: connect-configs/ posted to a real worker's REST
 * API, every row of every table compared at the end.
 */
class EndToEndMigrationIT {

    @RegisterExtension
    static final MigrationEnvironment env = MigrationEnvironment.dedicated();

    private static final Duration RUNNING = Duration.ofMinutes(2);
    private static final Duration CATCH_UP = Duration.ofMinutes(4);

    @Test
    void fullAndIncrementalMigrationUnderLiveWriterSurvivesPauseAndWorkerRestart() throws Exception {
        String sourceDb = MigrationEnvironment.DEFAULT_SOURCE_DB;
        String targetDb = MigrationEnvironment.DEFAULT_TARGET_DB;
        env.source().createDatabase(sourceDb);
        env.target().createDatabase(targetDb);
        FamilyTables.create(env.source(), sourceDb);
        FamilyTables.create(env.target(), targetDb);
        FamilyTables.load(env.source(), sourceDb, 10_000);
        assertEquals(100_000, rowCount(sourceDb));

        ConnectRestClient rest = env.rest();
        Definition source = ConnectorConfigs.source();
        Definition sink = ConnectorConfigs.sink();
        try (LiveWriter writer = LiveWriter.start(env.source(), sourceDb, new FamilyWorkload(), 40)) {
            rest.putConnector(source.name(), source.config());
            rest.putConnector(sink.name(), sink.config());
            rest.awaitRunning(source.name(), RUNNING);
            rest.awaitRunning(sink.name(), RUNNING);
            Await.until("the snapshot reached the target", CATCH_UP, () -> targetRowCount(targetDb) >= 90_000);

            rest.pause(sink.name());
            rest.awaitPaused(sink.name(), RUNNING);
            long writtenWhilePaused = writer.transactions();
            Await.until(
                    "the writer commits while the sink is paused",
                    RUNNING,
                    () -> writer.transactions() > writtenWhilePaused + 40);
            rest.resume(sink.name());
            rest.awaitRunning(sink.name(), RUNNING);

            env.worker().restart();
            rest.awaitRunning(source.name(), RUNNING);
            rest.awaitRunning(sink.name(), RUNNING);
            long afterRestart = writer.transactions();
            Await.until(
                    "the writer commits after the worker restart",
                    RUNNING,
                    () -> writer.transactions() > afterRestart + 40);
            writer.stop();
        }

        DatabaseComparison.awaitIdentical(
                new Side(env.source(), sourceDb), new Side(env.target(), targetDb), FamilyTables.ALL, CATCH_UP);
        rest.delete(sink.name());
        rest.delete(source.name());
        Slots.drop(env.source(), sourceDb, "pg2polar_pg2polar_source");
    }

    @Test
    void fullOnlyMigrationCopiesEveryRowAndCreatesNoSlot() {
        try (TwoDatabaseMigration migration = TwoDatabaseMigration.create(env, "fullonly")) {
            FamilyTables.create(env.source(), migration.sourceDatabase());
            FamilyTables.create(env.target(), migration.targetDatabase());
            FamilyTables.load(env.source(), migration.sourceDatabase(), 1_000);

            migration.start(Map.of("migration.type", "full"), Map.of());

            migration.awaitIdentical(FamilyTables.ALL, CATCH_UP);
            assertEquals(
                    0,
                    Slots.count(env.source(), migration.sourceDatabase()),
                    "a full-only migration must not leave a replication slot pinning WAL");
        }
    }

    @Test
    void incrementalOnlyMigrationCarriesChangesAfterStartButNoEarlierRows() throws Exception {
        try (TwoDatabaseMigration migration = TwoDatabaseMigration.create(env, "incronly")) {
            FamilyTables.create(env.source(), migration.sourceDatabase());
            FamilyTables.create(env.target(), migration.targetDatabase());
            FamilyTables.load(env.source(), migration.sourceDatabase(), 200);

            migration.start(Map.of("migration.type", "incremental"), Map.of()).awaitRunning(RUNNING);
            Await.until(
                    "the source created its replication slot",
                    RUNNING,
                    () -> Slots.count(env.source(), migration.sourceDatabase()) == 1);

            migration.onSource("""
                    INSERT INTO parent (id, name, amount, active) VALUES (100001, 'after start', 1.5, true), (100002, 'also after', 2, false);
                    INSERT INTO child (id, parent_id, label) VALUES (100001, 100001, 'new child'), (100002, 100002, 'doomed');
                    UPDATE parent SET amount = 99.99 WHERE id = 100001;
                    DELETE FROM child WHERE id = 100002;
                    INSERT INTO grandchild (id, child_id, note) VALUES (100001, 100001, 'new grandchild');
                    """);

            TableId[] tables = FamilyTables.ALL.toArray(TableId[]::new);
            String newRows = "SELECT t::text FROM %s t WHERE id > 100000";
            Await.until(
                    "the changes after start reached the target",
                    CATCH_UP,
                    () -> migration.targetRows(tables[0]).size() == 2
                            && migration.targetRows(tables[2]).size() == 1
                            && migration.targetRows(tables[1]).size() == 1);
            for (TableId table : tables) {
                List<String> expected = DatabaseComparison.rows(migration.source(), table).stream()
                        .filter(r -> idOf(r) > 100_000)
                        .toList();
                assertEquals(expected, migration.targetRows(table), "rows of " + table + " on the target " + newRows);
            }
        }
    }

    private static long idOf(String rowText) {
        return Long.parseLong(rowText.substring(1, rowText.indexOf(',')));
    }

    private static long rowCount(String sourceDb) throws SQLException {
        return count(env.source().connect(sourceDb));
    }

    private static long targetRowCount(String targetDb) {
        try {
            return count(env.target().connect(targetDb));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection opened) throws SQLException {
        try (Connection connection = opened;
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT (SELECT count(*) FROM parent) + (SELECT count(*) FROM child) + (SELECT count(*) FROM grandchild)")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
