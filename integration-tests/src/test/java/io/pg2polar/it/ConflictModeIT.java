package io.pg2polar.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.TwoDatabaseMigration;
import io.pg2polar.it.kit.Validation;
import io.pg2polar.servers.connect.ConnectRestClient.RestException;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DTS's "processing mode of conflicting tables": with {@code conflict.mode = precheck} a target table that already
 * holds rows stops the sink, naming the tables that hold rows; with {@code ignore} the migration goes on and the
 * full load keeps a target row that has the same key.
 */
class ConflictModeIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final String TABLE = "CREATE TABLE item (id int PRIMARY KEY, name text)";
    private static final TableId ITEM = new TableId("public", "item");

    @Test
    void precheckRefusesATargetTableThatHoldsRowsBeforeTheSinkStarts() {
        try (TwoDatabaseMigration migration = withConflictingRow("conflictpre")) {
            RestException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    RestException.class, () -> startFullLoad(migration, Map.of()));
            assertEquals(400, refused.status());
            Validation validation = new Validation(
                    env.rest().validate("io.pg2polar.sink.Pg2PolarSinkConnector", withName(migration.sinkConnector())));
            List<String> errors = validation.errorsOn("conflict.mode");
            assertTrue(
                    errors.size() == 1
                            && errors.get(0).contains("Target tables that already hold rows: \"public\".\"item\"")
                            && errors.get(0).contains("conflict.mode = ignore"),
                    validation.toString());
        }
    }

    @Test
    void aTableFilledAfterTheSinkStartedStopsItsTask() {
        try (TwoDatabaseMigration migration =
                TwoDatabaseMigration.create(env, "conflictlate").start()) {
            String sink = migration.sinkConnector().name();
            env.rest().awaitRunning(sink, Duration.ofMinutes(1));
            // filled on the target by someone else between validation and the table's first definition
            migration.onTarget(TABLE + "; INSERT INTO item VALUES (1, 'kept from the target')");
            migration.onSource(TABLE + "; INSERT INTO item VALUES (1, 'source-one')");
            JsonNode status = env.rest().awaitTaskFailed(sink, Duration.ofMinutes(2));
            String trace = status.path("tasks").get(0).path("trace").asText()
                    + status.path("tasks").get(1).path("trace").asText();
            assertTrue(
                    trace.contains("Target table \"public\".\"item\" already holds rows (conflict.mode = precheck)")
                            && trace.contains("conflict.mode = ignore"),
                    trace);
        }
    }

    private static Map<String, String> withName(Definition definition) {
        Map<String, String> config = new java.util.HashMap<>(definition.config());
        config.put("name", definition.name());
        return config;
    }

    @Test
    void ignoreKeepsTheTargetRowWithTheSameKey() {
        try (TwoDatabaseMigration migration = withConflictingRow("conflictign")) {
            startFullLoad(migration, Map.of("conflict.mode", "ignore"));
            Await.until(
                    "the full load reached the target",
                    Duration.ofMinutes(2),
                    () -> migration.targetRows(ITEM).size() == 3);
            assertEquals(
                    List.of("(1,\"kept from the target\")", "(2,source-two)", "(3,source-three)"),
                    migration.targetRows(ITEM));
        }
    }

    /** Three rows on the source; on the target, a row with the key of the first. */
    private static TwoDatabaseMigration withConflictingRow(String name) {
        return TwoDatabaseMigration.create(env, name)
                .onSource(TABLE + "; INSERT INTO item VALUES (1, 'source-one'), (2, 'source-two'), (3, 'source-three')")
                .onTarget(TABLE + "; INSERT INTO item VALUES (1, 'kept from the target')");
    }

    private static void startFullLoad(TwoDatabaseMigration migration, Map<String, String> sinkChanges) {
        migration.start(Map.of("migration.type", "full"), sinkChanges);
    }
}
