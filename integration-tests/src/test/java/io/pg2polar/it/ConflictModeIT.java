package io.pg2polar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.DatabaseComparison.Side;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Validation;
import io.pg2polar.servers.connect.ConnectRestClient.RestException;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

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
        RestException refused = org.junit.jupiter.api.Assertions.assertThrows(RestException.class, () -> migrate("conflictpre", Map.of()));
        assertEquals(400, refused.status());
        Validation validation = new Validation(env.rest().validate("io.pg2polar.sink.Pg2PolarSinkConnector",
                withName(ConnectorConfigs.sink("conflictpre", "conflictpre_tgt", Map.of()))));
        List<String> errors = validation.errorsOn("conflict.mode");
        assertTrue(errors.size() == 1 && errors.get(0).contains("Target tables that already hold rows: \"public\".\"item\"")
                && errors.get(0).contains("conflict.mode = ignore"), validation.toString());
        cleanUp("conflictpre");
    }

    @Test
    void aTableFilledAfterTheSinkStartedStopsItsTask() {
        env.source().createDatabase("conflictlate_src");
        env.target().createDatabase("conflictlate_tgt");
        Definition source = ConnectorConfigs.source("conflictlate", "conflictlate_src", Map.of());
        Definition sink = ConnectorConfigs.sink("conflictlate", "conflictlate_tgt", Map.of());
        env.rest().putConnector(source.name(), source.config());
        env.rest().putConnector(sink.name(), sink.config());
        env.rest().awaitRunning(sink.name(), Duration.ofMinutes(1));
        // filled on the target by someone else between validation and the table's first definition
        env.target().execute("conflictlate_tgt", TABLE + "; INSERT INTO item VALUES (1, 'kept from the target')");
        env.source().execute("conflictlate_src", TABLE + "; INSERT INTO item VALUES (1, 'source-one')");
        JsonNode status = env.rest().awaitTaskFailed(sink.name(), Duration.ofMinutes(2));
        String trace = status.path("tasks").get(0).path("trace").asText() + status.path("tasks").get(1).path("trace").asText();
        assertTrue(trace.contains("Target table \"public\".\"item\" already holds rows (conflict.mode = precheck)")
                && trace.contains("conflict.mode = ignore"), trace);
        cleanUp("conflictlate");
        io.pg2polar.it.kit.Slots.drop(env.source(), "conflictlate_src", "pg2polar_conflictlate_source");
    }

    private static Map<String, String> withName(Definition definition) {
        Map<String, String> config = new java.util.HashMap<>(definition.config());
        config.put("name", definition.name());
        return config;
    }

    @Test
    void ignoreKeepsTheTargetRowWithTheSameKey() {
        migrate("conflictign", Map.of("conflict.mode", "ignore"));
        Side target = new Side(env.target(), "conflictign_tgt");
        Await.until("the full load reached the target", Duration.ofMinutes(2), () -> DatabaseComparison.rows(target, ITEM).size() == 3);
        assertEquals(List.of("(1,\"kept from the target\")", "(2,source-two)", "(3,source-three)"), DatabaseComparison.rows(target, ITEM));
        cleanUp("conflictign");
    }

    private static Definition migrate(String prefix, Map<String, String> sinkChanges) {
        env.source().createDatabase(prefix + "_src");
        env.target().createDatabase(prefix + "_tgt");
        env.source().execute(prefix + "_src", TABLE + "; INSERT INTO item VALUES (1, 'source-one'), (2, 'source-two'), (3, 'source-three')");
        env.target().execute(prefix + "_tgt", TABLE + "; INSERT INTO item VALUES (1, 'kept from the target')");
        Definition source = ConnectorConfigs.source(prefix, prefix + "_src", Map.of("migration.type", "full"));
        Definition sink = ConnectorConfigs.sink(prefix, prefix + "_tgt", sinkChanges);
        env.rest().putConnector(source.name(), source.config());
        env.rest().putConnector(sink.name(), sink.config());
        return sink;
    }

    private static void cleanUp(String prefix) {
        env.rest().deleteIfExists(prefix + "-sink");
        env.rest().deleteIfExists(prefix + "-source");
    }
}
