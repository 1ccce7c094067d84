package io.pg2polar.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.FamilyTables;
import io.pg2polar.it.kit.FamilyWorkload;
import io.pg2polar.it.kit.LiveWriter;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Slots;
import io.pg2polar.it.kit.TwoDatabaseMigration;
import io.pg2polar.servers.connect.ConnectRestClient.RestException;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.servers.postgres.PostgresServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The REST extension of a real worker ({@code /pg2polar/migrations/{name}}): status through the phases of a running
 * migration and lag that rises while the sink is paused; verification that names changed, deleted and extra rows by
 * key; cutover under a live writer (dry run first) and its refusal when a task failed; cleanup of the source.
 */
class MigrationControlIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final Logger LOG = LoggerFactory.getLogger(MigrationControlIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CATCH_UP = Duration.ofMinutes(3);

    @Test
    void statusFollowsThePhasesAndLagRisesWhileTheSinkIsPaused() {
        String name = "status";
        try (TwoDatabaseMigration migration = createSource(name, 1000)) {
            // the smallest copy chunks: the full load's 10 000 rows travel in about a hundred of them
            migration.startSource(Map.of("snapshot.chunk.bytes", "4096"));
            env.rest().awaitRunning(name + "-source", Duration.ofMinutes(1));
            JsonNode beforeSink = Await.value("status answers", Duration.ofMinutes(1), () -> statusOrNull(name));
            assertEquals("schema", beforeSink.path("phase").asText(), beforeSink.toPrettyString());
            assertEquals("pending", table(beforeSink, "parent").path("phase").asText());
            assertEquals(
                    "MISSING",
                    beforeSink.path("connectors").path("sink").path("state").asText());
            assertEquals(3, beforeSink.path("tables").size());
            assertEquals(1000, table(beforeSink, "parent").path("sourceRows").asLong(), beforeSink.toPrettyString());

            // one record per put: the full load takes a transaction per chunk, long enough to be seen
            Definition sink = migration
                    .startSink(Map.of("consumer.override.max.poll.records", "1"))
                    .sinkConnector();
            List<String> phases = new ArrayList<>();
            JsonNode caughtUp = Await.value(
                    "the migration reaches incremental",
                    CATCH_UP,
                    () -> {
                        JsonNode status = status(name);
                        String phase = status.path("phase").asText();
                        if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase)) {
                            phases.add(phase);
                        }
                        return "incremental".equals(phase) && status.has("lagMillis") ? status : null;
                    },
                    Duration.ofMillis(100));
            LOG.info("Phases seen: {}; status: {}", phases, caughtUp.toPrettyString());
            assertEquals(List.of("schema", "full-load", "incremental"), phases);
            assertEquals(1000, table(caughtUp, "parent").path("snapshotRows").asLong());
            assertEquals(3000, table(caughtUp, "child").path("snapshotRows").asLong());
            assertEquals(
                    6000, table(caughtUp, "grandchild").path("snapshotRows").asLong());
            assertEquals(10_000, caughtUp.path("totals").path("snapshotRows").asLong());

            try (LiveWriter writer =
                    LiveWriter.start(env.source(), migration.sourceDatabase(), new FamilyWorkload(), 20)) {
                Await.until("the writer is busy", Duration.ofMinutes(1), () -> writer.transactions() > 40);
            }
            JsonNode streaming = Await.value("lag near zero with changes applied", CATCH_UP, () -> {
                JsonNode status = status(name);
                return status.path("lagMillis").asLong(Long.MAX_VALUE) < 5_000
                                && status.path("totals").path("inserts").asLong() > 0
                                && status.path("totals").path("updates").asLong() > 0
                                && status.path("totals").path("deletes").asLong() > 0
                        ? status
                        : null;
            });
            assertTrue(table(streaming, "parent").has("lagMillis"), streaming.toPrettyString());
            assertEquals(
                    "RUNNING",
                    streaming.path("connectors").path("sink").path("state").asText());

            env.rest().pause(sink.name());
            env.rest().awaitPaused(sink.name(), Duration.ofMinutes(1));
            JsonNode paused = Await.value(
                    "lag rises while the sink is paused",
                    Duration.ofMinutes(1),
                    () -> status(name).path("lagMillis").asLong() > 8_000 ? status(name) : null);
            assertEquals("paused", paused.path("phase").asText());

            env.rest().resume(sink.name());
            // the sink's tasks apply again before Connect reports the connector itself resumed (its start runs the
            // prechecks)
            JsonNode resumed =
                    Await.value("lag back near zero and the phase incremental after resume", CATCH_UP, () -> {
                        JsonNode status = status(name);
                        return status.path("lagMillis").asLong(Long.MAX_VALUE) < 5_000
                                        && "incremental"
                                                .equals(status.path("phase").asText())
                                ? status
                                : null;
                    });
            assertEquals(
                    "RUNNING",
                    resumed.path("connectors").path("sink").path("state").asText());
            // the lag is the heartbeat's, which another sink task may apply while the data task still catches up
            migration.awaitIdentical(FamilyTables.ALL, CATCH_UP);
        }
    }

    @Test
    void verificationNamesAChangedADeletedAndAnExtraRowByKey() {
        String name = "checked";
        try (TwoDatabaseMigration migration = startMigration(name, 100)) {
            JsonNode clean = env.rest()
                    .post(
                            "/pg2polar/migrations/" + name + "/verify?mode=full&recheckDelaySeconds=1",
                            null,
                            Duration.ofMinutes(2));
            assertTrue(clean.path("equal").asBoolean(), clean.toPrettyString());
            assertEquals(3, clean.path("tables").size());

            migration.onTarget("""
                    UPDATE parent SET name = 'changed on the target' WHERE id = 7;
                    DELETE FROM grandchild WHERE id = 11;
                    INSERT INTO child (id, parent_id, label) VALUES (100000, 1, 'extra on the target');
                    """);
            JsonNode report = env.rest()
                    .post(
                            "/pg2polar/migrations/" + name + "/verify?mode=full&recheckDelaySeconds=1",
                            null,
                            Duration.ofMinutes(2));
            assertFalse(report.path("equal").asBoolean());
            assertDifference(report, "parent", "7", "DIFFERENT");
            assertDifference(report, "grandchild", "11", "MISSING_ON_TARGET");
            assertDifference(report, "child", "100000", "EXTRA_ON_TARGET");

            JsonNode counts = env.rest()
                    .post(
                            "/pg2polar/migrations/" + name + "/verify?mode=count&recheckDelaySeconds=1",
                            null,
                            Duration.ofMinutes(2));
            assertEquals("EQUAL", tableResult(counts, "parent").path("status").asText(), "an update keeps the count");
            assertEquals(
                    "DIFFERENT",
                    tableResult(counts, "grandchild").path("status").asText());

            RestException unknown = org.junit.jupiter.api.Assertions.assertThrows(
                    RestException.class,
                    () -> env.rest().post("/pg2polar/migrations/nowhere/verify", null, Duration.ofMinutes(1)));
            assertEquals(404, unknown.status());
            assertTrue(unknown.body().contains("nowhere-source"), unknown.body());
        }
    }

    @Test
    void cutoverUnderALiveWriterThenCleanupLeavesNothingOnTheSource() throws SQLException {
        String name = "cutover";
        try (TwoDatabaseMigration migration = startMigration(name, 200)) {
            try (LiveWriter writer =
                    LiveWriter.start(env.source(), migration.sourceDatabase(), new FamilyWorkload(), 20)) {
                Await.until("the writer is busy", Duration.ofMinutes(1), () -> writer.transactions() > 40);
                Map<String, Long> sequencesBefore = sequences(env.target(), migration.targetDatabase());
                JsonNode dryRun = env.rest()
                        .post(
                                "/pg2polar/migrations/" + name + "/cutover?dryRun=true&verify=full",
                                null,
                                Duration.ofMinutes(1));
                LOG.info("Dry run: {}", dryRun.toPrettyString());
                assertTrue(dryRun.path("completed").asBoolean(), dryRun.toPrettyString());
                for (JsonNode step : dryRun.path("steps")) {
                    assertTrue(
                            List.of("done", "would", "skipped")
                                    .contains(step.path("status").asText()),
                            step.toString());
                }
                assertEquals(
                        sequencesBefore,
                        sequences(env.target(), migration.targetDatabase()),
                        "a dry run changes no sequence");
                assertEquals(
                        "RUNNING",
                        env.rest()
                                .status(name + "-source")
                                .path("connector")
                                .path("state")
                                .asText());
                assertEquals(
                        "RUNNING",
                        env.rest()
                                .status(name + "-sink")
                                .path("connector")
                                .path("state")
                                .asText());
                writer.stop();
            }

            JsonNode cutover = env.rest()
                    .post(
                            "/pg2polar/migrations/" + name + "/cutover?verify=full&timeoutSeconds=120",
                            null,
                            Duration.ofMinutes(5));
            LOG.info("Cutover: {}", cutover.toPrettyString());
            assertTrue(cutover.path("completed").asBoolean(), cutover.toPrettyString());
            List<String> steps = new ArrayList<>();
            cutover.path("steps")
                    .forEach(s -> steps.add(
                            s.path("step").asText() + ":" + s.path("status").asText()));
            assertEquals(
                    List.of(
                            "check-connectors:done",
                            "await-zero-lag:done",
                            "sync-sequences:done",
                            "restore-foreign-keys:done",
                            "verify:done",
                            "stop-connectors:done",
                            "revoke-writes:skipped",
                            "done:done"),
                    steps);
            env.rest().awaitPaused(name + "-source", Duration.ofMinutes(1));
            env.rest().awaitPaused(name + "-sink", Duration.ofMinutes(1));
            migration.assertIdentical(FamilyTables.ALL);
            Map<String, Long> source = sequences(env.source(), migration.sourceDatabase());
            Map<String, Long> target = sequences(env.target(), migration.targetDatabase());
            for (Map.Entry<String, Long> sequence : source.entrySet()) {
                assertTrue(
                        target.get(sequence.getKey()) >= sequence.getValue(),
                        sequence.getKey() + ": target " + target + ", source " + source);
            }
            // the application's first insert on the target takes a fresh key
            migration.onTarget("INSERT INTO parent (name) VALUES ('first row after cutover')");

            Definition sourceConnector = migration.sourceConnector();
            RestException inUse = org.junit.jupiter.api.Assertions.assertThrows(
                    RestException.class,
                    () -> env.rest()
                            .post(
                                    "/pg2polar/migrations/" + name + "/cleanup",
                                    JSON.valueToTree(Map.of("config", sourceConnector.config())),
                                    Duration.ofMinutes(1)));
            assertEquals(409, inUse.status());
            assertTrue(inUse.body().contains("delete it first"), inUse.body());
            assertEquals(1, Slots.count(env.source(), migration.sourceDatabase()));

            env.rest().delete(name + "-source");
            env.rest().delete(name + "-sink");
            JsonNode cleanup = env.rest()
                    .post(
                            "/pg2polar/migrations/" + name + "/cleanup",
                            JSON.valueToTree(Map.of("config", sourceConnector.config())),
                            Duration.ofMinutes(2));
            LOG.info("Cleanup: {}", cleanup.toPrettyString());
            assertTrue(cleanup.path("completed").asBoolean(), cleanup.toPrettyString());
            assertEquals(0, Slots.count(env.source(), migration.sourceDatabase()));
            assertEquals(0, count(env.source(), migration.sourceDatabase(), "SELECT count(*) FROM pg_publication"));
            assertEquals(
                    0,
                    count(
                            env.source(),
                            migration.sourceDatabase(),
                            "SELECT count(*) FROM pg_namespace WHERE nspname = 'pg2polar'"));
            assertEquals(
                    0,
                    count(
                            env.source(),
                            migration.sourceDatabase(),
                            "SELECT count(*) FROM pg_event_trigger WHERE evtname LIKE 'pg2polar%'"));
        }
    }

    @Test
    void cutoverWithAFailedTaskIsRefused() {
        String name = "refused";
        try (TwoDatabaseMigration migration = createSource(name, 10)) {
            // no schema migration and no tables on the target: the sink task fails on the first row
            migration.start(Map.of("schema.migration", "false", "ddl.capture", "false"), Map.of());
            env.rest().awaitTaskFailed(migration.sinkConnector().name(), Duration.ofMinutes(2));

            RestException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    RestException.class,
                    () -> env.rest().post("/pg2polar/migrations/" + name + "/cutover", null, Duration.ofMinutes(1)));
            assertEquals(409, refused.status());
            assertTrue(refused.body().contains("FAILED") && refused.body().contains("restart"), refused.body());
            assertEquals(
                    "RUNNING",
                    env.rest()
                            .status(migration.sourceConnector().name())
                            .path("connector")
                            .path("state")
                            .asText());
            JsonNode status = status(name);
            assertEquals("failed", status.path("phase").asText());
            assertTrue(status.path("errors").size() > 0, status.toPrettyString());
        }
    }

    private static TwoDatabaseMigration createSource(String name, int parents) {
        TwoDatabaseMigration migration = TwoDatabaseMigration.create(env, name);
        FamilyTables.create(env.source(), migration.sourceDatabase());
        FamilyTables.load(env.source(), migration.sourceDatabase(), parents);
        return migration;
    }

    private static TwoDatabaseMigration startMigration(String name, int parents) {
        TwoDatabaseMigration migration = createSource(name, parents).start();
        migration.awaitIdentical(FamilyTables.ALL, CATCH_UP);
        return migration;
    }

    private static JsonNode status(String name) {
        return env.rest().get("/pg2polar/migrations/" + name);
    }

    private static JsonNode statusOrNull(String name) {
        try {
            return status(name);
        } catch (RestException e) {
            return null;
        }
    }

    private static JsonNode table(JsonNode status, String table) {
        for (JsonNode node : status.path("tables")) {
            if (node.path("table").asText().equals(table)) {
                return node;
            }
        }
        throw new AssertionError("No table " + table + " in " + status.toPrettyString());
    }

    private static JsonNode tableResult(JsonNode report, String table) {
        return table(report, table);
    }

    private static void assertDifference(JsonNode report, String table, String id, String kind) {
        JsonNode result = tableResult(report, table);
        assertEquals(1, result.path("differenceCount").asLong(), result.toPrettyString());
        JsonNode difference = result.path("differences").get(0);
        assertEquals(id, difference.path("key").path("id").asText(), result.toPrettyString());
        assertEquals(kind, difference.path("kind").asText(), result.toPrettyString());
    }

    private static Map<String, Long> sequences(PostgresServer server, String database) throws SQLException {
        Map<String, Long> values = new HashMap<>();
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT sequencename, COALESCE(last_value, 0) FROM pg_sequences WHERE schemaname = 'public'")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return values;
    }

    private static long count(PostgresServer server, String database, String sql) {
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
