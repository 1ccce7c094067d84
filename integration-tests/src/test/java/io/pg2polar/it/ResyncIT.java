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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.DatabaseComparison.Side;
import io.pg2polar.it.kit.KeylessLogTable;
import io.pg2polar.it.kit.LiveWriter;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Slots;
import io.pg2polar.servers.connect.ConnectRestClient;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loading tables again while the stream runs (design decision 30): {@code POST /pg2polar/migrations/{name}/resync}
 * repairs tables whose target rows were changed behind the migration's back, a table with a key and one without,
 * while an application writes to them; and a table added to {@code table.include.list} of a running migration is
 * loaded when the source task restarts with it.
 */
class ResyncIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableId ITEMS = new TableId("public", "items");
    private static final TableId LATER = new TableId("public", "later");

    @Test
    void resyncRepairsTablesWhileChangesStream() throws Exception {
        String name = "resync";
        String sourceDb = name + "_src";
        String targetDb = name + "_tgt";
        env.source().createDatabase(sourceDb);
        env.target().createDatabase(targetDb);
        env.source()
                .execute(
                        sourceDb,
                        "CREATE TABLE items (id integer PRIMARY KEY, n integer NOT NULL, label text);"
                                + " INSERT INTO items SELECT g, g, 'item ' || g FROM generate_series(1, 20000) g");
        KeylessLogTable.create(env.source(), sourceDb, 300);
        Definition source = ConnectorConfigs.source(name, sourceDb, Map.of("snapshot.range.bytes", "65536"));
        Definition sink = ConnectorConfigs.sink(name, targetDb, Map.of());
        List<TableId> tables = List.of(ITEMS, KeylessLogTable.TABLE);
        try (LiveWriter log = LiveWriter.start(env.source(), sourceDb, new KeylessLogTable(), 20);
                LiveWriter items = LiveWriter.start(
                        env.source(),
                        sourceDb,
                        connection -> {
                            try (var statement = connection.createStatement()) {
                                statement.execute(
                                        "UPDATE items SET n = n + 1 WHERE id = " + (1 + (int) (Math.random() * 20000)));
                            }
                        },
                        20)) {
            env.rest().putConnector(source.name(), source.config());
            env.rest().putConnector(sink.name(), sink.config());
            awaitIncremental(name, tables);
            // the target drifts behind the migration's back
            env.target()
                    .execute(
                            targetDb,
                            "DELETE FROM items WHERE id % 3 = 0; UPDATE items SET label = 'drifted' WHERE id % 7 = 0;"
                                    + " DELETE FROM event_log WHERE n = 2");

            JsonNode accepted = env.rest()
                    .post(
                            "/pg2polar/migrations/" + name + "/resync",
                            JSON.readTree("{\"tables\": [\"public.items\", \"public.event_log\"]}"),
                            Duration.ofMinutes(1));
            assertEquals(2, accepted.path("tables").size(), accepted.toString());
            // only a new load of items brings its deleted and drifted rows back; the writers keep writing meanwhile
            Await.until(
                    "items loaded again",
                    Duration.ofMinutes(3),
                    () -> count(targetDb, "SELECT count(*) FROM items") == 20000
                            && count(targetDb, "SELECT count(*) FROM items WHERE label = 'drifted'") == 0);
            awaitIncremental(name, tables);
            log.stop();
            items.stop();
        }
        DatabaseComparison.awaitIdentical(
                new Side(env.source(), sourceDb), new Side(env.target(), targetDb), tables, Duration.ofMinutes(3));

        try {
            env.rest()
                    .post(
                            "/pg2polar/migrations/" + name + "/resync",
                            JSON.readTree("{\"tables\": [\"public.nothere\"]}"),
                            Duration.ofMinutes(1));
            throw new AssertionError("a table the migration does not capture was accepted");
        } catch (ConnectRestClient.RestException e) {
            assertEquals(400, e.status());
            assertTrue(e.body().contains("public.nothere"), e.body());
        }
        env.rest().delete(sink.name());
        env.rest().delete(source.name());
        Slots.drop(env.source(), sourceDb, "pg2polar_" + name + "_source");
    }

    @Test
    void aTableAddedToTheSelectionIsLoadedWhenTheTaskRestarts() {
        String name = "addtable";
        String sourceDb = name + "_src";
        String targetDb = name + "_tgt";
        env.source().createDatabase(sourceDb);
        env.target().createDatabase(targetDb);
        env.source()
                .execute(
                        sourceDb,
                        "CREATE TABLE items (id integer PRIMARY KEY, label text);"
                                + " INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 1000) g;"
                                + " CREATE TABLE later (id integer PRIMARY KEY, label text);"
                                + " INSERT INTO later SELECT g, 'later ' || g FROM generate_series(1, 5000) g");
        Definition source = ConnectorConfigs.source(
                name, sourceDb, Map.of("table.include.list", "public\\.items", "ddl.capture", "false"));
        Definition sink = ConnectorConfigs.sink(name, targetDb, Map.of());
        env.rest().putConnector(source.name(), source.config());
        env.rest().putConnector(sink.name(), sink.config());
        awaitIncremental(name, List.of(ITEMS));

        Map<String, String> widened = new java.util.LinkedHashMap<>(source.config());
        widened.put("table.include.list", "public\\.items,public\\.later");
        env.rest().putConnector(source.name(), widened);
        env.source()
                .execute(
                        sourceDb,
                        "UPDATE later SET label = label || ' changed' WHERE id <= 10; INSERT INTO items VALUES (1001, 'new')");
        awaitIncremental(name, List.of(ITEMS, LATER));
        DatabaseComparison.awaitIdentical(
                new Side(env.source(), sourceDb),
                new Side(env.target(), targetDb),
                List.of(ITEMS, LATER),
                Duration.ofMinutes(3));
        env.rest().delete(sink.name());
        env.rest().delete(source.name());
        Slots.drop(env.source(), sourceDb, "pg2polar_" + name + "_source");
    }

    private static void awaitIncremental(String name, List<TableId> tables) {
        Await.until(tables + " incremental", Duration.ofMinutes(4), () -> loaded(name, tables));
    }

    private static boolean loaded(String name, List<TableId> tables) {
        JsonNode status;
        try {
            status = env.rest().get("/pg2polar/migrations/" + name);
        } catch (ConnectRestClient.RestException e) {
            // the worker is rebalancing just after the connectors were created
            return false;
        }
        for (TableId table : tables) {
            boolean incremental = false;
            for (JsonNode node : status.path("tables")) {
                if (table.schema().equals(node.path("schema").asText())
                        && table.table().equals(node.path("table").asText())) {
                    incremental = "incremental".equals(node.path("phase").asText());
                }
            }
            if (!incremental) {
                return false;
            }
        }
        return true;
    }

    private static long count(String targetDb, String sql) {
        try (Connection connection = env.target().connect(targetDb);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
