package io.pg2polar.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.pg2polar.common.ChangeEventConventions;
import io.pg2polar.consumer.ExpandCopyChunks;
import io.pg2polar.it.kit.ChangeTopics;
import io.pg2polar.it.kit.ChangeTopics.Event;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Slots;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The full load's rows reach other consumers as standard Debezium events: with pg2polar's interceptor a plain consumer
 * sees every copied row of the type matrix (every PostgreSQL type, their arrays, edge values, domains, generated
 * columns) as an {@code op: r} event whose key schema, value schema and values equal those of the streamed update of
 * the same row. So a consumer sees one schema per table, and a value reads the same however it arrived.
 */
class CopyChunkRowEventsIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final String DB = "rowevents_src";
    private static final String PREFIX = "rowevents";
    /** Each table's key columns, and the statement that rewrites every row unchanged (pgoutput then sends it whole). */
    private static final Map<String, String> REWRITE = Map.of(
            "scalars", "UPDATE scalars SET id = id",
            "arrays", "UPDATE arrays SET id = id",
            "temporal", "UPDATE temporal SET id = id",
            "text_keys", "UPDATE text_keys SET v = v",
            "generated_columns", "UPDATE generated_columns SET id = id");

    @Test
    void everyCopiedRowReadsLikeItsStreamedUpdate() {
        env.source().createDatabase(DB);
        env.source()
                .execute(
                        DB,
                        script("schema.sql") + script("snapshot-rows.sql") + script("generated-columns.sql")
                                + "INSERT INTO generated_columns (id, v) SELECT g, g FROM generate_series(1, 5) g; INSERT INTO generated_columns (id) VALUES (6);");
        Map<String, Long> rows = rowCounts();
        Definition source = ConnectorConfigs.source(PREFIX, DB, Map.of());
        try (ChangeTopics topics = ChangeTopics.subscribe(
                env.broker().bootstrapServers(),
                Pattern.compile(PREFIX + "\\.public\\..*"),
                Map.of("interceptor.classes", ExpandCopyChunks.class.getName()))) {
            env.rest().putConnector(source.name(), source.config());
            Map<String, Map<Object, Event>> read = collect(topics, "r", rows);
            REWRITE.values().forEach(statement -> env.source().execute(DB, statement));
            Map<String, Map<Object, Event>> updated = collect(topics, "u", rows);

            List<String> differences = new ArrayList<>();
            for (String table : REWRITE.keySet()) {
                for (Map.Entry<Object, Event> row : read.get(table).entrySet()) {
                    differences.addAll(differences(
                            table, row.getValue(), updated.get(table).get(row.getKey())));
                }
            }
            assertTrue(
                    differences.isEmpty(),
                    "Copied rows differ from their streamed updates:\n" + String.join("\n", differences));
        } finally {
            env.rest().delete(source.name());
            Slots.drop(env.source(), DB, "pg2polar_" + PREFIX + "_source");
        }
    }

    /** Reads until every table's rows have arrived as events of {@code op}, keyed by each record's key. */
    private static Map<String, Map<Object, Event>> collect(ChangeTopics topics, String op, Map<String, Long> rows) {
        Map<String, Map<Object, Event>> events = new HashMap<>();
        rows.keySet().forEach(table -> events.put(table, new HashMap<>()));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (rows.entrySet().stream().anyMatch(e -> events.get(e.getKey()).size() < e.getValue())) {
            if (Instant.now().isAfter(deadline)) {
                Map<String, Integer> seen = new HashMap<>();
                events.forEach((table, byKey) -> seen.put(table, byKey.size()));
                throw new AssertionError("Timed out waiting for the " + op + " events of " + rows + "; seen " + seen
                        + ". Worker log: " + env.worker().logFile());
            }
            for (Event event : topics.poll(Duration.ofMillis(500))) {
                if (op.equals(event.op())) {
                    String table = event.topic().substring(event.topic().lastIndexOf('.') + 1);
                    events.get(table)
                            .put(
                                    event.key().value() == null
                                            ? event.value().value()
                                            : event.key().value(),
                                    event);
                }
            }
        }
        return events;
    }

    /** Schemas and values of a copied row against its streamed update; a value the update left out (TOAST) is skipped. */
    private static List<String> differences(String table, Event read, Event updated) {
        List<String> differences = new ArrayList<>();
        String row = table + " " + read.key().value();
        if (updated == null) {
            return List.of(row + ": no streamed update");
        }
        if (!Objects.equals(read.key().schema(), updated.key().schema())) {
            differences.add(row + ": key schema " + read.key().schema() + " differs from "
                    + updated.key().schema());
        }
        Schema readRow = read.value().schema().field("after").schema();
        Schema updatedRow = updated.value().schema().field("after").schema();
        differences.addAll(schemaDifferences(row, readRow, updatedRow));
        if (differences.isEmpty()
                && !read.value().schema().equals(updated.value().schema())) {
            differences.add(row + ": envelope schemas differ outside the row: "
                    + read.value().schema().fields() + " / "
                    + updated.value().schema().fields());
        }
        Struct copied = ((Struct) read.value().value()).getStruct("after");
        Struct streamed = ((Struct) updated.value().value()).getStruct("after");
        for (Field field : updatedRow.fields()) {
            Object streamedValue = streamed.getWithoutDefault(field.name());
            if (ChangeEventConventions.UNAVAILABLE_VALUE_PLACEHOLDER.equals(streamedValue)) {
                continue;
            }
            Object copiedValue =
                    readRow.field(field.name()) == null ? "(missing)" : copied.getWithoutDefault(field.name());
            if (!Objects.deepEquals(copiedValue, streamedValue)) {
                differences.add(row + " " + field.name() + ": copied " + show(copiedValue) + ", streamed "
                        + show(streamedValue));
            }
        }
        return differences;
    }

    private static List<String> schemaDifferences(String row, Schema read, Schema updated) {
        List<String> differences = new ArrayList<>();
        if (!read.fields().stream()
                .map(Field::name)
                .toList()
                .equals(updated.fields().stream().map(Field::name).toList())) {
            differences.add(
                    row + ": fields " + read.fields().stream().map(Field::name).toList() + " differ from "
                            + updated.fields().stream().map(Field::name).toList());
        }
        for (Field field : updated.fields()) {
            Field copied = read.field(field.name());
            if (copied != null && !copied.schema().equals(field.schema())) {
                differences.add(row + " " + field.name() + ": schema " + describe(copied.schema()) + " differs from "
                        + describe(field.schema()));
            }
        }
        if (differences.isEmpty() && !read.equals(updated)) {
            differences.add(row + ": row schemas differ: name " + read.name() + "/" + updated.name() + ", version "
                    + read.version() + "/" + updated.version());
        }
        return differences;
    }

    private static String describe(Schema schema) {
        return schema.type() + " " + schema.name() + " optional=" + schema.isOptional() + " default="
                + schema.defaultValue() + " " + schema.parameters();
    }

    private static String show(Object value) {
        return value instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes) : String.valueOf(value);
    }

    private static Map<String, Long> rowCounts() {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = env.source().connect(DB);
                Statement statement = connection.createStatement()) {
            for (String table : REWRITE.keySet()) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    private static String script(String name) {
        try (InputStream in = CopyChunkRowEventsIT.class.getResourceAsStream("/type-fidelity/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
