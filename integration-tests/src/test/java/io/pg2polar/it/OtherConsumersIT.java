package io.pg2polar.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pg2polar.common.control.CopyChunk;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.consumer.ExpandCopyChunks;
import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.ChangeTopics;
import io.pg2polar.it.kit.ChangeTopics.Event;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.DatabaseComparison.Side;
import io.pg2polar.it.kit.GuideExamples;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.RebuiltTables;
import io.pg2polar.it.kit.RowsAgainstSource;
import io.pg2polar.it.kit.Slots;
import io.pg2polar.servers.TempDirectory;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The change topics as a product for other consumers. While pg2polar's sink migrates a database (full load with the
 * default {@code snapshot.transport=copy}, then inserts, updates including key changes, deletes, a truncate and an
 * {@code ADD COLUMN}), two consumers that know nothing of pg2polar rebuild every table from the topics alone and match
 * the source row for row: a plain Kafka consumer with Kafka's {@code JsonConverter}, and Kafka's own
 * {@code FileStreamSinkConnector} writing the events to a file. Both only name pg2polar's interceptor in their
 * configuration (it turns copy chunks into {@code op: r} events); the file sink drops pg2polar's control events with
 * Kafka's {@code Filter} and {@code HasHeaderKey}. The run also produces every event kind of docs/consumers.md, and the
 * guide's examples must be exactly these.
 */
class OtherConsumersIT {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OtherConsumersIT.class);

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final String SOURCE_DB = "shop_src";
    private static final String TARGET_DB = "shop_tgt";
    private static final String PREFIX = "shop";
    private static final Duration CATCH_UP = Duration.ofMinutes(3);
    private static final List<TableId> TABLES = List.of(
            new TableId("public", "customer"),
            new TableId("public", "orders"),
            new TableId("public", "audit_log"),
            new TableId("public", "coupon"));
    private static final String SCHEMA = """
            CREATE TABLE customer (id int PRIMARY KEY, name text NOT NULL, email text, balance numeric(12,2), since date,
                                   vip boolean DEFAULT false, photo bytea);
            CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL, placed timestamptz NOT NULL, total numeric NOT NULL,
                                 note text);
            CREATE TABLE audit_log (at timestamp NOT NULL, message text);
            ALTER TABLE audit_log REPLICA IDENTITY FULL;
            CREATE TABLE coupon (code text PRIMARY KEY, percent int NOT NULL, valid_until date, note text);
            INSERT INTO customer SELECT g, 'customer ' || g, CASE WHEN g % 10 = 0 THEN NULL ELSE 'c' || g || '@example.com' END,
                   CASE WHEN g % 9 = 0 THEN NULL ELSE g * 10.25 END, DATE '2020-01-01' + g, CASE WHEN g % 13 = 0 THEN NULL ELSE g % 3 = 0 END,
                   CASE WHEN g % 4 = 0 THEN decode(lpad(to_hex(g), 4, '0'), 'hex') END
            FROM generate_series(1, 300) g;
            INSERT INTO orders (customer_id, placed, total, note)
            SELECT 1 + g % 300, TIMESTAMPTZ '2025-01-01 08:00:00+00' + g * INTERVAL '37 minutes 1.5 seconds', g * 3.5,
                   CASE WHEN g % 5 = 0 THEN E'gift\\twrap\\nplease' END
            FROM generate_series(1, 900) g;
            INSERT INTO audit_log SELECT TIMESTAMP '2025-06-01 00:00:00' + (g % 40) * INTERVAL '1 hour', 'event ' || (g % 40)
            FROM generate_series(1, 120) g;
            INSERT INTO coupon VALUES ('SPRING', 10, '2026-05-31', NULL), ('SUMMER', 15, '2026-08-31', 'beach'), ('WINTER', 20, NULL, NULL);
            """;
    /** Each its own statement, so a DDL event's {@code statement} is just that DDL. */
    private static final List<String> CHANGES = List.of(
            """
            INSERT INTO customer SELECT g, 'late ' || g, NULL, 0.01 * g, NULL, true, '\\x00ff' FROM generate_series(301, 320) g;
            UPDATE customer SET balance = balance + 1, email = NULL WHERE id % 7 = 0;
            UPDATE customer SET id = id + 1000 WHERE id % 50 = 0;
            DELETE FROM customer WHERE id % 11 = 0;
            INSERT INTO orders (customer_id, placed, total) SELECT 7, TIMESTAMPTZ '2025-12-24 18:00:00.123456+08', 99.99 FROM generate_series(1, 10);
            UPDATE orders SET note = 'paid', total = total * 2 WHERE id % 6 = 0;
            DELETE FROM orders WHERE id % 9 = 0;
            INSERT INTO audit_log SELECT TIMESTAMP '2025-06-01 00:00:00', 'event 0' FROM generate_series(1, 3);
            DELETE FROM audit_log WHERE ctid IN (SELECT ctid FROM audit_log WHERE message = 'event 0' LIMIT 2);
            UPDATE audit_log SET message = message || ' (checked)' WHERE ctid IN (SELECT ctid FROM audit_log WHERE message = 'event 5' LIMIT 1);
            INSERT INTO coupon VALUES ('AUTUMN', 12, '2026-11-30', 'leaves');
            UPDATE coupon SET percent = 25 WHERE code = 'WINTER';
            DELETE FROM coupon WHERE code = 'SPRING';
            """, "ALTER TABLE customer ADD COLUMN city text", """
            UPDATE customer SET city = 'Hangzhou' WHERE id % 4 = 0;
            INSERT INTO customer (id, name, city) VALUES (400, 'new in town', 'Beijing');
            """, "ALTER TABLE coupon ADD COLUMN max_uses int", """
            UPDATE coupon SET max_uses = 100 WHERE code = 'SUMMER';
            TRUNCATE audit_log;
            INSERT INTO audit_log VALUES ('2025-07-01 12:00:00.25', 'after truncate'), ('2025-07-01 12:00:00.25', 'after truncate');
            """);

    @Test
    void consumersThatKnowNothingOfPg2polarRebuildEveryTableFromTheTopics() throws Exception {
        env.source().createDatabase(SOURCE_DB);
        env.target().createDatabase(TARGET_DB);
        env.source().execute(SOURCE_DB, SCHEMA);
        Side source = new Side(env.source(), SOURCE_DB);
        Side target = new Side(env.target(), TARGET_DB);
        Path file =
                Files.createTempDirectory(TempDirectory.ensure(), "file-sink-").resolve("changes.jsonl");
        Definition sourceConnector = ConnectorConfigs.source(PREFIX, SOURCE_DB, Map.of());
        Definition sink = ConnectorConfigs.sink(PREFIX, TARGET_DB, Map.of());
        Definition fileSink = fileSink(file);
        GuideExamples examples = new GuideExamples();
        try (ChangeTopics plain = ChangeTopics.subscribe(
                        env.broker().bootstrapServers(),
                        Pattern.compile(PREFIX + "\\.public\\..*"),
                        Map.of(
                                "interceptor.classes",
                                ExpandCopyChunks.class.getName(),
                                ExpandCopyChunks.CONTROL_EVENTS,
                                "drop"));
                ChangeTopics raw = ChangeTopics.subscribe(
                        env.broker().bootstrapServers(), Pattern.compile(".*" + PREFIX + "(\\..*)?"), Map.of());
                ChangeTopics expanded = ChangeTopics.subscribe(
                        env.broker().bootstrapServers(),
                        Pattern.compile(PREFIX + "\\.public\\..*"),
                        Map.of("interceptor.classes", ExpandCopyChunks.class.getName()))) {
            env.rest().putConnector(sourceConnector.name(), sourceConnector.config());
            env.rest().putConnector(sink.name(), sink.config());
            env.rest().putConnector(fileSink.name(), fileSink.config());
            RebuiltTables byPlainConsumer = new RebuiltTables();
            awaitRebuilt("after the full load", source, byPlainConsumer, plain, file);
            DatabaseComparison.awaitIdentical(source, target, TABLES, CATCH_UP);

            CHANGES.forEach(statement -> env.source().execute(SOURCE_DB, statement));
            awaitRebuilt(
                    "after inserts, updates, deletes, a truncate and ADD COLUMN", source, byPlainConsumer, plain, file);
            DatabaseComparison.awaitIdentical(source, target, TABLES, CATCH_UP);

            // the rest of the guide's event kinds: a rename and the streams beside the tables'
            env.source().execute(SOURCE_DB, "ALTER TABLE coupon RENAME TO voucher");
            env.source().execute(SOURCE_DB, "INSERT INTO voucher VALUES ('FLASH', 50, '2026-12-24', NULL, 10)");
            List<Event> all = readUntil(
                    raw,
                    events -> has(events, "rename-new-name")
                            && has(events, "heartbeat")
                            && events.stream().anyMatch(OtherConsumersIT::finalSequenceState)
                            && has(events, "debezium-heartbeat")
                            && has(events, "insert-after-rename"));
            List<Event> rows = readUntil(
                    expanded,
                    events -> events.stream()
                            .anyMatch(e -> "r".equals(e.op()) && e.topic().endsWith(".coupon")));
            assertKeyChangesAreDeleteTombstoneInsert(all);
            collectExamples(examples, all, rows);
            logChunkSizes(all);
            assertEquals(
                    List.of(
                            "__debezium-heartbeat.shop",
                            "shop.pg2polar.heartbeat",
                            "shop.pg2polar.sequences",
                            "shop.public.audit_log",
                            "shop.public.coupon",
                            "shop.public.customer",
                            "shop.public.orders",
                            "shop.public.voucher",
                            "shop.schema-changes"),
                    topics(),
                    "the topics a migration writes (docs/consumers.md lists them)");
        } finally {
            env.rest().delete(fileSink.name());
            env.rest().delete(sink.name());
            env.rest().delete(sourceConnector.name());
            Slots.drop(env.source(), SOURCE_DB, "pg2polar_" + PREFIX + "_source");
        }
        examples.assertShownIn(
                Path.of(System.getProperty("pg2polar.project.dir"), "docs", "consumers.md"),
                Path.of(System.getProperty("pg2polar.project.dir"), "integration-tests", "target", "consumer-guide"));
    }

    /** Kafka's file sink, seeing the full load as op r events (the interceptor) and no control events (Filter). */
    private static Definition fileSink(Path file) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics.regex", PREFIX + "\\.public\\..*");
        config.put("file", file.toAbsolutePath().toString());
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("consumer.override.isolation.level", "read_committed");
        config.put("consumer.override.interceptor.classes", ExpandCopyChunks.class.getName());
        config.put("consumer.override.max.poll.records", "20");
        config.put("consumer.override.metadata.max.age.ms", "1000");
        config.put("transforms", "dropControl");
        config.put("transforms.dropControl.type", "org.apache.kafka.connect.transforms.Filter");
        config.put("transforms.dropControl.predicate", "isControl");
        config.put("predicates", "isControl");
        config.put("predicates.isControl.type", "org.apache.kafka.connect.transforms.predicates.HasHeaderKey");
        config.put("predicates.isControl.name", "pg2polar.control");
        return new Definition(PREFIX + "-file-sink", config);
    }

    /** Waits until both consumers' tables equal the source's, row for row; on timeout, names the differing rows. */
    private static void awaitRebuilt(
            String when, Side source, RebuiltTables byPlainConsumer, ChangeTopics plain, Path file) {
        List<String> differences = new ArrayList<>();
        try {
            Await.until("both consumers' tables equal the source's " + when, CATCH_UP, () -> {
                // everything the topics hold by now: a poll returns at most max.poll.records
                for (List<Event> events = plain.poll(Duration.ofMillis(500));
                        !events.isEmpty();
                        events = plain.poll(Duration.ofMillis(200))) {
                    for (Event event : events) {
                        if (event.value().value() != null) {
                            byPlainConsumer.apply((Struct) event.key().value(), (Struct)
                                    event.value().value());
                        }
                    }
                }
                differences.clear();
                differences.addAll(differences("plain consumer", source, byPlainConsumer));
                differences.addAll(differences("file sink", source, fromFile(source, file)));
                return differences.isEmpty();
            });
        } catch (AssertionError e) {
            differences.sort(null);
            throw new AssertionError(
                    e.getMessage() + ":\n" + String.join("\n", differences.subList(0, Math.min(40, differences.size())))
                            + "\nWorker log: " + env.worker().logFile(),
                    e);
        }
    }

    private static List<String> differences(String consumer, Side source, RebuiltTables tables) {
        List<String> differences = new ArrayList<>();
        for (TableId table : TABLES) {
            RowsAgainstSource.differences(source, table, tables.rows(table.toString()))
                    .forEach(d -> differences.add(consumer + ": " + d));
        }
        return differences;
    }

    /** The file sink's tables: each line is one event's value; the rows' keys come from the tables' primary keys. */
    private static RebuiltTables fromFile(Side source, Path file) {
        RebuiltTables tables = new RebuiltTables();
        if (!Files.exists(file)) {
            return tables;
        }
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "true", "replace.null.with.default", "false"), false);
        Map<String, List<String>> keys = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.equals("null")) {
                    continue;
                }
                Struct envelope = (Struct) json.toConnectData(PREFIX, line.getBytes(StandardCharsets.UTF_8))
                        .value();
                Struct row = envelope.getStruct("after") != null
                        ? envelope.getStruct("after")
                        : envelope.getStruct("before");
                String table = envelope.getStruct("source").getString("schema") + "."
                        + envelope.getStruct("source").getString("table");
                Struct key = row == null
                        ? null
                        : RebuiltTables.keyOf(row, keys.computeIfAbsent(table, t -> primaryKey(source, t)));
                tables.apply(key, envelope);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    private static List<String> primaryKey(Side source, String table) {
        List<String> columns = new ArrayList<>();
        try (Connection connection = source.server().connect(source.database());
                PreparedStatement statement = connection.prepareStatement("""
                     SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                     WHERE i.indrelid = CAST(? AS regclass) AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)""")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return columns;
    }

    /** Reads a consumer until the events read so far satisfy {@code enough}. */
    private static List<Event> readUntil(ChangeTopics topics, Predicate<List<Event>> enough) {
        List<Event> events = new ArrayList<>();
        Await.until("the topics hold every event kind of the guide", Duration.ofMinutes(2), () -> {
            events.addAll(topics.poll(Duration.ofMillis(500)));
            return enough.test(events);
        });
        return events;
    }

    private static boolean has(List<Event> events, String kind) {
        return events.stream().anyMatch(e -> kind.equals(kind(e)));
    }

    /** The guide's name for an event's kind. */
    private static String kind(Event event) {
        String control = event.headers().get("pg2polar.control");
        if (event.topic().startsWith("__debezium-heartbeat")) {
            return "debezium-heartbeat";
        }
        if (control != null) {
            String rename = event.headers().get("pg2polar.rename-copy");
            return rename != null ? "rename-" + rename : control;
        }
        if (event.value().value() == null) {
            return "tombstone";
        }
        if (event.topic().endsWith(".voucher") && "c".equals(event.op())) {
            return "insert-after-rename";
        }
        return event.op();
    }

    /**
     * A sequence state carrying the changes' inserts: orders_id_seq at 910 (900 rows loaded, 10 inserted). The guide
     * shows that one; the last state read could still be an earlier one at 900 (it failed so once).
     */
    private static boolean finalSequenceState(Event event) {
        if (!"sequence-state".equals(kind(event))) {
            return false;
        }
        for (JsonNode sequence : payload(event).path("sequences")) {
            if ("orders_id_seq".equals(sequence.path("name").asText())
                    && sequence.path("last_value").asLong() == 910) {
                return true;
            }
        }
        return false;
    }

    private static Event first(List<Event> events, Predicate<Event> which, String what) {
        return events.stream()
                .filter(which)
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + what + " event in the topics"));
    }

    private static Event last(List<Event> events, Predicate<Event> which) {
        return events.stream().filter(which).reduce((a, b) -> b).orElseThrow();
    }

    /** One event of every kind, as the guide shows them. */
    private static void collectExamples(GuideExamples examples, List<Event> all, List<Event> expanded) {
        Predicate<Event> coupon = e -> e.topic().equals("shop.public.coupon");
        Event definition = first(
                all,
                coupon.and(e -> "schema-change".equals(kind(e))
                        && payload(e).get("kind").asText().equals("snapshot")),
                "table definition");
        examples.json("schema-change-snapshot", record(definition, true));
        // the definition's writer orders some fields by chance
        examples.json(
                "table-definition",
                GuideExamples.sorted(GuideExamples.parse(
                        payload(definition).get("definition").asText())));
        // the table's first chunk with rows: its load begins with a marker chunk without any
        Event chunk = first(
                all,
                coupon.and(e -> "copy-chunk".equals(kind(e))
                        && CopyChunk.fromStruct((Struct) e.value().value()).rows() > 0),
                "copy chunk");
        examples.json("copy-chunk", record(chunk, true));
        examples.text(
                "copy-chunk-text",
                new String(
                        CopyChunk.fromStruct((Struct) chunk.value().value())
                                .data()
                                .text(),
                        StandardCharsets.UTF_8));
        examples.json(
                "read",
                record(
                        first(expanded, e -> e.topic().equals("shop.public.coupon") && "r".equals(e.op()), "read"),
                        false));
        examples.json(
                "create-record",
                GuideExamples.parse(new String(
                        first(all, coupon.and(e -> "c".equals(e.op())), "create")
                                .rawValue(),
                        StandardCharsets.UTF_8)));
        examples.json("create", record(first(all, coupon.and(e -> "c".equals(e.op())), "create"), false));
        examples.json("update", record(first(all, coupon.and(e -> "u".equals(e.op())), "update"), false));
        examples.json("delete", record(first(all, coupon.and(e -> "d".equals(e.op())), "delete"), false));
        examples.json(
                "tombstone", record(first(all, coupon.and(e -> "tombstone".equals(kind(e))), "tombstone"), false));
        examples.json(
                "truncate",
                record(
                        first(all, e -> e.topic().equals("shop.public.audit_log") && "t".equals(e.op()), "truncate"),
                        false));
        Event alter = first(
                all,
                coupon.and(e -> "schema-change".equals(kind(e))
                        && payload(e).get("kind").asText().equals("ddl")),
                "DDL");
        examples.json("schema-change-ddl", record(alter, true));
        examples.json(
                "schema-changes-topic",
                record(
                        first(
                                all,
                                e -> e.topic().equals("shop.schema-changes")
                                        && payload(e)
                                                .get("statement")
                                                .asText("")
                                                .equals("ALTER TABLE coupon ADD COLUMN max_uses int"),
                                "schema-changes copy"),
                        true));
        examples.json(
                "rename-old-name",
                record(first(all, e -> "rename-old-name".equals(kind(e)), "rename (old name)"), true));
        examples.json(
                "rename-new-name",
                record(first(all, e -> "rename-new-name".equals(kind(e)), "rename (new name)"), true));
        examples.json("heartbeat", record(last(all, e -> "heartbeat".equals(kind(e))), false));
        examples.json("debezium-heartbeat", record(last(all, e -> "debezium-heartbeat".equals(kind(e))), false));
        examples.json(
                "sequence-state",
                record(first(all, OtherConsumersIT::finalSequenceState, "final sequence state"), false));
    }

    /** As the guide says: an update of the key is a delete with the new key in a header, a tombstone, an insert with the old. */
    private static void assertKeyChangesAreDeleteTombstoneInsert(List<Event> all) {
        List<Event> customer = all.stream()
                .filter(e -> e.topic().equals("shop.public.customer"))
                .toList();
        int delete = customer.indexOf(first(customer, e -> e.headers().containsKey("__debezium.newkey"), "key change"));
        assertEquals("d", customer.get(delete).op());
        assertEquals("tombstone", kind(customer.get(delete + 1)));
        assertEquals("c", customer.get(delete + 2).op());
        assertEquals(
                List.of("__debezium.oldkey"),
                List.copyOf(customer.get(delete + 2).headers().keySet()));
    }

    /** What describing the rows costs a chunk, for docs/design.md: the record with and without {@code row_events}. */
    private static void logChunkSizes(List<Event> all) {
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "true", "replace.null.with.default", "false"), false);
        for (Event event : all) {
            if ("copy-chunk".equals(kind(event)) && event.topic().startsWith("shop.public.")) {
                CopyChunk chunk = CopyChunk.fromStruct((Struct) event.value().value());
                Struct bare =
                        chunk.with((io.pg2polar.common.control.RowEvents) null).toStruct();
                int without = json.fromConnectData(event.topic(), bare.schema(), bare).length;
                LOG.info(
                        "Copy chunk {} of {}: {} rows, {} bytes of COPY text, record {} bytes, {} without row_events",
                        chunk.sequence(),
                        chunk.table(),
                        chunk.rows(),
                        chunk.data().text().length,
                        event.rawValue().length,
                        without);
            }
        }
    }

    /** An event as the guide shows it: topic, headers, key and value payloads, definitions left out of schema changes. */
    private static JsonNode record(Event event, boolean elideDefinitions) {
        ObjectNode shown = (ObjectNode) GuideExamples.parse("{}");
        shown.put("topic", event.topic());
        ObjectNode headers = shown.putObject("headers");
        event.headers().forEach(headers::put);
        shown.set(
                "key",
                event.rawKey() == null
                        ? null
                        : GuideExamples.parse(new String(event.rawKey(), StandardCharsets.UTF_8))
                                .get("payload"));
        JsonNode value = event.rawValue() == null
                ? null
                : GuideExamples.parse(new String(event.rawValue(), StandardCharsets.UTF_8))
                        .get("payload");
        if (elideDefinitions && value instanceof ObjectNode payload) {
            for (String field : List.of("definition", "previous_definition")) {
                if (payload.hasNonNull(field)) {
                    payload.put(field, "(the table's definition as JSON, below)");
                }
            }
        }
        shown.set("value", value);
        return shown;
    }

    private static JsonNode payload(Event event) {
        return GuideExamples.parse(new String(event.rawValue(), StandardCharsets.UTF_8))
                .get("payload");
    }

    private static List<String> topics() {
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.broker().bootstrapServers()))) {
            return new ArrayList<>(new TreeSet<>(admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(PREFIX + ".") || t.endsWith("." + PREFIX))
                    .toList()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
