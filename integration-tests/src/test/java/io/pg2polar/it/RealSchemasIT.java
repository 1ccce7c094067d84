package io.pg2polar.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Slots;
import io.pg2polar.it.kit.TwoDatabaseMigration;
import io.pg2polar.it.kit.Validation;
import io.pg2polar.servers.connect.ConnectRestClient.RestException;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What real schemas hold and clean tests do not, migrated with the shipped connector configurations on the shared
 * servers. Every name PostgreSQL allows migrates, or is refused before anything starts: dots, double quotes, spaces,
 * upper case, non-ASCII letters and reserved words in schema, table and column names, through the full load, the
 * stream and DDL during streaming. Two regressions among them: a table named {@code "a.b"} was silently never
 * migrated (its topic {@code <prefix>.public.a.b} did not match the sink's {@code topics.regex}), and a table whose
 * name ends with a double quote killed the source task at its first streamed change (Debezium's
 * {@code TableIdParser}: {@code Unexpected input: "}).
 */
class RealSchemasIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final String SOURCE_CLASS = "io.pg2polar.source.Pg2PolarSourceConnector";

    /** Tables of the form (id, "Wert"), in schemas and under names a real database may have. */
    private static final List<TableId> PLAIN = List.of(
            new TableId("public", "a.b"),
            new TableId("public", "UPPER"),
            new TableId("public", "MixedCase"),
            new TableId("public", "订单"),
            new TableId("public", "客户"),
            new TableId("public", "user"),
            new TableId("public", "it's"),
            new TableId("public", "a\"b"),
            new TableId("public", " "),
            new TableId("Sales Dept", "Q1 Results"),
            new TableId("s.dot", "t.dot"),
            new TableId("schéma", "tâble"),
            new TableId("select", "from"),
            new TableId("q\"s", "t\"x"));
    /** Columns whose names need quoting in every statement. */
    private static final TableId ITEMS = new TableId("public", "Order Items");

    private static final String ITEMS_DDL =
            "CREATE TABLE \"public\".\"Order Items\" (id int PRIMARY KEY, \"Item \"\"Name\"\"\" text,"
                    + " \"select\" int, \"Größe\" numeric, \"a.b\" text, \"\"\"q\"\"\" text, \"Mixed Case\" text)";
    private static final TableId KEYLESS = new TableId("public", "no key.log");

    @Test
    void everyLegalNameMigratesThroughFullLoadStreamAndDdl() {
        try (TwoDatabaseMigration migration = TwoDatabaseMigration.create(env, "names")) {
            StringBuilder schema = new StringBuilder();
            PLAIN.stream()
                    .map(TableId::schema)
                    .distinct()
                    .filter(s -> !s.equals("public"))
                    .forEach(s -> schema.append("CREATE SCHEMA ")
                            .append(Identifiers.quote(s))
                            .append(";\n"));
            for (TableId table : PLAIN) {
                schema.append("CREATE TABLE ")
                        .append(table.quoted())
                        .append(" (id int PRIMARY KEY, \"Wert\" text);\n")
                        .append("INSERT INTO ")
                        .append(table.quoted())
                        .append(" SELECT g, 'row ' || g FROM generate_series(1, 20) g;\n");
            }
            schema.append(ITEMS_DDL)
                    .append(";\nINSERT INTO ")
                    .append(ITEMS.quoted())
                    .append(
                            " SELECT g, 'item ' || g, g, g * 1.5, 'dot ' || g, 'quoted ' || g, 'mixed ' || g FROM generate_series(1, 20) g;\n");
            schema.append("CREATE TABLE ")
                    .append(KEYLESS.quoted())
                    .append(" (\"At\" int, \"Wert\" text); ALTER TABLE ")
                    .append(KEYLESS.quoted())
                    .append(" REPLICA IDENTITY FULL; INSERT INTO ")
                    .append(KEYLESS.quoted())
                    .append(" SELECT g, 'log ' || g FROM generate_series(1, 20) g;\n");
            migration.onSource(schema.toString());

            // the shipped configurations, only the names changed
            Definition source = ConnectorConfigs.source("names", migration.sourceDatabase(), Map.of());
            Definition sink = ConnectorConfigs.sink("names", migration.targetDatabase(), Map.of());
            assertEquals(0, validate(source).errorCount(), validate(source).toString());
            migration.start(source, sink);
            List<TableId> all = new ArrayList<>(PLAIN);
            all.add(ITEMS);
            all.add(KEYLESS);
            migration.awaitIdentical(all, Duration.ofMinutes(3));

            // the stream: inserts, updates and deletes of every table
            StringBuilder changes = new StringBuilder();
            for (TableId table : all) {
                String key = table.equals(KEYLESS) ? "\"At\"" : "id";
                String value = table.equals(ITEMS) ? "\"Item \"\"Name\"\"\"" : "\"Wert\"";
                changes.append("UPDATE ")
                        .append(table.quoted())
                        .append(" SET ")
                        .append(value)
                        .append(" = ")
                        .append(value)
                        .append(" || ' changed' WHERE ")
                        .append(key)
                        .append(" % 3 = 0;\n")
                        .append("DELETE FROM ")
                        .append(table.quoted())
                        .append(" WHERE ")
                        .append(key)
                        .append(" % 5 = 0;\n")
                        .append("INSERT INTO ")
                        .append(table.quoted())
                        .append(" (")
                        .append(key)
                        .append(", ")
                        .append(value)
                        .append(") SELECT g, 'streamed ' || g FROM generate_series(101, 105) g;\n");
            }
            migration.onSource(changes.toString());
            migration.awaitIdentical(all, Duration.ofMinutes(1));

            // DDL during streaming: tables created and renamed into such names, columns added and renamed, a new schema
            migration.onSource("""
                    CREATE TABLE public."new.table" (id int PRIMARY KEY, "Wert €" text);
                    INSERT INTO public."new.table" SELECT g, 'new ' || g FROM generate_series(1, 10) g;
                    ALTER TABLE public."UPPER" RENAME TO "Renamed.Ünï";
                    INSERT INTO public."Renamed.Ünï" SELECT g, 'after rename ' || g FROM generate_series(201, 205) g;
                    ALTER TABLE "s.dot"."t.dot" ADD COLUMN "new ""col\""" text;
                    UPDATE "s.dot"."t.dot" SET "new ""col\""" = 'added ' || id;
                    ALTER TABLE public."MixedCase" RENAME COLUMN "Wert" TO "Neuer Wert";
                    UPDATE public."MixedCase" SET "Neuer Wert" = "Neuer Wert" || ' renamed';
                    CREATE SCHEMA "New Schema";
                    CREATE TABLE "New Schema"."T 1" (id int PRIMARY KEY, "Wert" text);
                    INSERT INTO "New Schema"."T 1" SELECT g, 'fresh ' || g FROM generate_series(1, 10) g;
                    """);
            List<TableId> afterDdl = new ArrayList<>(all);
            afterDdl.remove(new TableId("public", "UPPER"));
            afterDdl.addAll(List.of(
                    new TableId("public", "new.table"),
                    new TableId("public", "Renamed.Ünï"),
                    new TableId("New Schema", "T 1")));
            migration.awaitIdentical(afterDdl, Duration.ofMinutes(2));

            JsonNode status = env.rest().get("/pg2polar/migrations/names");
            assertEquals("incremental", status.path("phase").asText(), status.toPrettyString());
            env.rest()
                    .status(source.name())
                    .path("tasks")
                    .forEach(task -> assertEquals("RUNNING", task.path("state").asText()));
            env.rest()
                    .status(sink.name())
                    .path("tasks")
                    .forEach(task -> assertEquals("RUNNING", task.path("state").asText()));

            // a name Debezium cannot stream, created while streaming: the task fails naming it and the fix
            migration.onSource(
                    "CREATE TABLE public.\"Bad \"\"Name\"\"\" (id int PRIMARY KEY); INSERT INTO public.\"Bad \"\"Name\"\"\" VALUES (1)");
            JsonNode failed = env.rest().awaitTaskFailed(source.name(), Duration.ofMinutes(1));
            String trace = failed.path("tasks").get(0).path("trace").asText();
            assertTrue(
                    trace.contains("\"public\".\"Bad \"\"Name\"\"\"") && trace.contains("table.exclude.list"), trace);
        }
    }

    /**
     * Names Debezium 3.7 cannot stream are refused by validate, each by name, with the fix: a schema or table name
     * beginning or ending with a double quote that Debezium cannot parse back from its own quoting (but {@code x"},
     * which it reads back whole, passes), one with two single quotes in a row (read back as one), and columns whose
     * names differ only in case.
     */
    @Test
    void namesDebeziumCannotStreamAreRefusedByValidate() {
        String sourceDb = "badnames_src";
        env.source().createDatabase(sourceDb);
        env.source().execute(sourceDb, """
                CREATE TABLE public."Order ""Items\""" (id int PRIMARY KEY);
                CREATE SCHEMA "Sales ""EU\""";
                CREATE TABLE "Sales ""EU\"""."t" (id int PRIMARY KEY);
                CREATE SCHEMA "x\""";
                CREATE TABLE "x\"""."fine" (id int PRIMARY KEY);
                CREATE TABLE public."it''s" (id int PRIMARY KEY);
                CREATE TABLE public.cased (id int PRIMARY KEY, "Name" text, name text);
                CREATE TABLE public.fine (id int PRIMARY KEY);
                """);
        Definition source = ConnectorConfigs.source("badnames", sourceDb, Map.of());
        Validation validation = validate(source);
        List<String> errors = validation.errorsOn("table.exclude.list");
        String all = String.join("\n", errors);
        assertTrue(
                all.contains("\"public\".\"Order \"\"Items\"\"\"")
                        && all.contains("\"Sales \"\"EU\"\"\".\"t\"")
                        && all.contains("\"public\".\"it''s\"")
                        && all.contains("\"public\".\"cased\"")
                        && !all.contains("\"fine\""),
                validation.toString());
        assertTrue(all.contains("rename"), all);

        // leaving them out is the fix
        Map<String, String> excluded = new HashMap<>(source.config());
        excluded.put("table.exclude.list", "public\\.Order \"Items\",Sales \"EU\"\\.t,public\\.it''s,public\\.cased");
        assertEquals(0, validate(source.renamed(source.name(), excluded)).errorCount());
    }

    /**
     * A selected table whose topic the sink does not read never reaches the target while every connector runs; the
     * migration's precheck fails naming it, and its status shows it {@code unsubscribed} with the error.
     */
    @Test
    void aTableWhoseTopicTheSinkDoesNotReadIsNamedByThePrecheckAndTheStatus() {
        try (TwoDatabaseMigration migration = TwoDatabaseMigration.create(env, "unread")) {
            migration.onSource(
                    "CREATE SCHEMA audit; CREATE TABLE public.orders (id int PRIMARY KEY); CREATE TABLE audit.log (id int PRIMARY KEY);"
                            + " INSERT INTO public.orders VALUES (1); INSERT INTO audit.log VALUES (1)");
            migration.start(Map.of(), Map.of("topics.regex", "unread\\.public\\.[^.]+"));

            // registering the connectors rebalances the worker, and while it does the extension cannot list them
            JsonNode precheck =
                    Await.value("the precheck answers", Duration.ofMinutes(1), () -> precheckOrNull("unread"));
            JsonNode item = java.util.stream.StreamSupport.stream(
                            precheck.path("target").path("items").spliterator(), false)
                    .filter(i -> i.path("id").asText().equals("sink.topics"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(precheck.toPrettyString()));
            assertEquals("FAIL", item.path("status").asText(), item.toPrettyString());
            assertTrue(
                    item.path("detail").asText().contains("\"audit\".\"log\" (topic unread.audit.log)"),
                    item.toPrettyString());

            migration.awaitIdentical(List.of(new TableId("public", "orders")), Duration.ofMinutes(2));
            JsonNode status = io.pg2polar.it.kit.Await.value("the status settles", Duration.ofMinutes(1), () -> {
                JsonNode s = env.rest().get("/pg2polar/migrations/unread");
                return "incomplete".equals(s.path("phase").asText()) ? s : null;
            });
            JsonNode log = java.util.stream.StreamSupport.stream(
                            status.path("tables").spliterator(), false)
                    .filter(t -> t.path("table").asText().equals("log"))
                    .findFirst()
                    .orElseThrow();
            assertEquals("unsubscribed", log.path("phase").asText(), status.toPrettyString());
            assertTrue(status.path("errors").toString().contains("unread.audit.log"), status.toPrettyString());
        }
    }

    /** The migration's precheck report, or null while the worker rebalances and cannot list its connectors (a 500). */
    private static JsonNode precheckOrNull(String migration) {
        try {
            return env.rest().get("/pg2polar/migrations/" + migration + "/precheck");
        } catch (RestException e) {
            if (e.status() == 500 && e.body().contains("Failed to retrieve list of connectors")) {
                return null;
            }
            throw e;
        }
    }

    /** 3 MB of random bytes and 3 MB of text: md5 hex digits, which no compression halves. */
    private static final String LARGE_ROW =
            "(SELECT decode(string_agg(md5(random()::text || g), ''), 'hex') FROM generate_series(1, 196608) g),"
                    + " (SELECT string_agg(md5(random()::text || g), '') FROM generate_series(1, 98304) g)";

    /**
     * Rows larger than Kafka's default message size (1 MB for the producer's request and the broker's message) through
     * the full load's COPY chunks (a row larger than a chunk travels alone) and the stream. A 3 MB bytea is 6 MB of
     * COPY text or of the change's hex text, and a chunk holding one such row was 12.6 MB. With Kafka's defaults the
     * producer refused such records ({@code RecordTooLargeException}, {@code max.request.size}) and the source task
     * failed.
     */
    @Test
    void rowsOfSixMegabytesMigrateInTheFullLoadAndTheStream() {
        try (TwoDatabaseMigration migration = TwoDatabaseMigration.create(env, "large")) {
            TableId blobs = new TableId("public", "blobs");
            migration.onSource("CREATE TABLE blobs (id int PRIMARY KEY, data bytea, body text);"
                    + " INSERT INTO blobs SELECT g, decode(md5(g::text), 'hex'), 'small ' || g FROM generate_series(1, 100) g;"
                    + " INSERT INTO blobs VALUES (1001, " + LARGE_ROW + "); INSERT INTO blobs VALUES (1002, "
                    + LARGE_ROW + ");");
            migration.start();
            migration.awaitIdentical(List.of(blobs), Duration.ofMinutes(3));

            migration.onSource("INSERT INTO blobs VALUES (1003, " + LARGE_ROW + ");"
                    + " UPDATE blobs SET (data, body) = (" + LARGE_ROW + ") WHERE id = 1001;"
                    + " UPDATE blobs SET body = body || ' and more' WHERE id = 1002;"
                    + " DELETE FROM blobs WHERE id = 50;");
            migration.awaitIdentical(List.of(blobs), Duration.ofMinutes(3));
            env.rest()
                    .status(migration.sourceConnector().name())
                    .path("tasks")
                    .forEach(task -> assertEquals("RUNNING", task.path("state").asText()));
            env.rest()
                    .status(migration.sinkConnector().name())
                    .path("tasks")
                    .forEach(task -> assertEquals("RUNNING", task.path("state").asText()));
        }
    }

    /**
     * A row beyond the producer's limit, in the full load and in the stream: the source task fails naming the table
     * and the settings to raise (Kafka's own refusal names neither). The limit is lowered to 2 MiB so that a 3 MB row
     * is beyond it, rather than writing rows past the shipped 32 MiB.
     */
    @Test
    void aRowBeyondTheProducersLimitFailsTheTaskNamingTheTableAndTheSettings() {
        Map<String, String> limit = Map.of(
                "producer.override.max.request.size", "2097152", "topic.creation.default.max.message.bytes", "2097152");
        String sourceDb = "oversize_src";
        env.source().createDatabase(sourceDb);
        env.source()
                .execute(
                        sourceDb,
                        "CREATE TABLE \"Big Blobs\" (id int PRIMARY KEY, data bytea, body text);"
                                + " INSERT INTO \"Big Blobs\" VALUES (1, " + LARGE_ROW
                                + "); CREATE TABLE later (id int PRIMARY KEY, data bytea, body text)");
        Definition fullLoad =
                ConnectorConfigs.source("oversize", sourceDb, Map.of("table.include.list", "public\\.Big Blobs"));
        fullLoad = fullLoad.renamed(fullLoad.name(), merged(fullLoad.config(), limit));
        env.rest().putConnector(fullLoad.name(), fullLoad.config());
        String trace = env.rest()
                .awaitTaskFailed(fullLoad.name(), Duration.ofMinutes(2))
                .path("tasks")
                .get(0)
                .path("trace")
                .asText();
        assertTrue(
                trace.contains("\"public\".\"Big Blobs\"")
                        && trace.contains("producer.override.max.request.size = 2097152")
                        && trace.contains("topic.creation.default.max.message.bytes"),
                trace);
        env.rest().delete(fullLoad.name());

        Definition stream =
                ConnectorConfigs.source("oversize2", sourceDb, Map.of("table.include.list", "public\\.later"));
        stream = stream.renamed(stream.name(), merged(stream.config(), limit));
        env.rest().putConnector(stream.name(), stream.config());
        env.rest().awaitRunning(stream.name(), Duration.ofMinutes(1));
        Definition streaming = stream;
        // Debezium streams, and writes heartbeats, only after the full load
        assertFalse(env.broker()
                .testKit()
                .consume(1, Duration.ofMinutes(2).toMillis(), "oversize2.pg2polar.heartbeat")
                .isEmpty());
        env.source().execute(sourceDb, "INSERT INTO later VALUES (7, " + LARGE_ROW + ")");
        trace = env.rest()
                .awaitTaskFailed(streaming.name(), Duration.ofMinutes(2))
                .path("tasks")
                .get(0)
                .path("trace")
                .asText();
        assertTrue(
                trace.contains("\"public\".\"later\"")
                        && trace.contains("id=7")
                        && trace.contains("producer.override.max.request.size"),
                trace);
        env.rest().delete(streaming.name());
        Slots.drop(env.source(), sourceDb, "pg2polar_oversize_source");
        Slots.drop(env.source(), sourceDb, "pg2polar_oversize2_source");
    }

    private static Map<String, String> merged(Map<String, String> config, Map<String, String> changes) {
        Map<String, String> all = new HashMap<>(config);
        all.putAll(changes);
        return all;
    }

    private static Validation validate(Definition definition) {
        Map<String, String> config = new HashMap<>(definition.config());
        config.put("name", definition.name());
        return new Validation(env.rest().validate(SOURCE_CLASS, config));
    }
}
