package io.pg2polar.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.CatalogDefinitions;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.DatabaseComparison.Side;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Slots;
import io.pg2polar.it.kit.TwoDatabaseMigration;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tables that use extension types, operator classes and functions migrate onto an empty target: the sink creates
 * the extensions they need (in the source's schemas) before the tables, and the values of hstore, citext, ltree,
 * cube, isbn13 and seg columns arrive exactly through the full load and streaming. Where the target account may not
 * create an extension, the precheck report says which, for which tables, and the statement to run, and the sink
 * task fails at once naming it (not after apply.retry.window of retries); run the statement, restart, and nothing
 * is lost. The sink account is a database owner that is no superuser, as on managed targets: PostgreSQL 13+ lets it
 * create trusted extensions.
 */
class ExtensionTypesIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final Duration CATCH_UP = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SOURCE_SCHEMA = """
            SET search_path = public, ext;
            CREATE SCHEMA ext;
            CREATE EXTENSION hstore;
            CREATE EXTENSION citext;
            CREATE EXTENSION ltree SCHEMA ext;
            CREATE EXTENSION cube;
            CREATE EXTENSION isn;
            CREATE EXTENSION pg_trgm;
            CREATE EXTENSION "uuid-ossp";
            CREATE EXTENSION pgcrypto;
            CREATE EXTENSION fuzzystrmatch;
            CREATE TABLE item (
                id int PRIMARY KEY,
                token uuid NOT NULL DEFAULT uuid_generate_v4(),
                salt text NOT NULL DEFAULT encode(gen_random_bytes(6), 'hex'),
                name citext NOT NULL UNIQUE,
                attrs hstore,
                history hstore[],
                path ext.ltree,
                shape cube,
                isbn isbn13,
                title text);
            CREATE INDEX item_title_trgm ON item USING gin (title gin_trgm_ops);
            CREATE INDEX item_path ON item USING gist (path);
            INSERT INTO item (id, name, attrs, history, path, shape, isbn, title)
            SELECT g, 'Name ' || g,
                   CASE WHEN g % 9 <> 0 THEN hstore(ARRAY['k' || g, 'quote"d', 'back\\slash', 'ünï'], ARRAY['v' || g, NULL, 'x=>y', ''])
                        ELSE NULL END,
                   ARRAY[hstore('a', g::text), ''::hstore, NULL],
                   ('Top.Science.N' || g)::ltree,
                   cube(ARRAY[g * 0.1, 1e-300, -g], ARRAY[g * 3.141592653589793, 2, 0]),
                   CASE WHEN g % 10 <> 0 THEN isbn13(isbn_digits(g)) END,
                   CASE WHEN g % 8 <> 0 THEN 'Title number ' || g || ' of the catalogue' END
            FROM generate_series(1, 200) g;
            """;
    /** An ISBN-13 with a valid check digit, from its running number. */
    private static final String ISBN_FUNCTION = """
            CREATE FUNCTION isbn_digits(n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
                SELECT p || ((10 - (SELECT sum(substr(p, i, 1)::int * CASE WHEN i % 2 = 0 THEN 3 ELSE 1 END)
                                    FROM generate_series(1, 12) i) % 10) % 10)::text
                FROM (SELECT '978' || lpad(n::text, 9, '0') AS p) d $$;
            """;

    private static final String STREAMED_CHANGES = """
            SET search_path = public, ext;
            INSERT INTO item (id, name, attrs, path, shape, isbn, title)
            VALUES (1001, 'Late', 'x=>1, "y z"=>NULL', 'Top.Late', '(1, 2), (3, 4)', '978-0-306-40615-7', 'late title');
            UPDATE item SET attrs = coalesce(attrs, '') || hstore('added', 'yes'), path = path || 'Moved', shape = cube_enlarge(shape, 0.5, 3),
                            name = upper(name), title = title || ' (rev)', history = history || 'z=>NULL'::hstore
            WHERE id % 7 = 0;
            DELETE FROM item WHERE id % 11 = 0;
            CREATE EXTENSION seg;
            CREATE TABLE reading (id int PRIMARY KEY, span seg, item_isbn isbn13, labels hstore, note citext);
            INSERT INTO reading SELECT g, (g || ' .. ' || (g + 0.5))::seg, isbn13(isbn_digits(g)), hstore('n', g::text), 'Note ' || g
            FROM generate_series(1, 50) g;
            CREATE EXTENSION intarray;
            ALTER TABLE item ADD COLUMN ids int[];
            CREATE INDEX item_ids ON item USING gist (ids gist__int_ops);
            UPDATE item SET ids = ARRAY[id, id + 1] WHERE id <= 20;
            UPDATE reading SET labels = labels || 'done=>1', span = '0 .. 1' WHERE id <= 5;
            """;
    private static final List<TableId> TABLES =
            List.of(new TableId("public", "item"), new TableId("public", "reading"));

    @Test
    void extensionsAreCreatedOnAnEmptyTargetAndTheirValuesArriveExactly() throws Exception {
        try (TwoDatabaseMigration migration =
                TwoDatabaseMigration.create(env, "exttypes").targetOwnedBy("ext_owner", "owner-secret")) {
            migration.onSource(ISBN_FUNCTION + SOURCE_SCHEMA);

            migration.start(Map.of(), Map.of("connection.user", "ext_owner", "connection.password", "owner-secret"));
            migration.awaitIdentical(TABLES.subList(0, 1), CATCH_UP);

            migration.onSource(STREAMED_CHANGES);
            migration.awaitIdentical(TABLES, CATCH_UP);

            // the extensions the tables use, each in its source schema; fuzzystrmatch, which no table uses, stays off
            Map<String, String> wanted = new TreeMap<>(Map.of(
                    "citext",
                    "public",
                    "cube",
                    "public",
                    "hstore",
                    "public",
                    "intarray",
                    "public",
                    "isn",
                    "public",
                    "ltree",
                    "ext",
                    "pg_trgm",
                    "public",
                    "pgcrypto",
                    "public",
                    "plpgsql",
                    "pg_catalog",
                    "seg",
                    "public"));
            wanted.put("uuid-ossp", "public");
            assertEquals(wanted, extensions(migration.targetDatabase()));
            Map<String, JsonNode> expected =
                    withoutExtensionVersions(CatalogDefinitions.of(env.source(), migration.sourceDatabase()));
            Map<String, JsonNode> actual =
                    withoutExtensionVersions(CatalogDefinitions.of(env.target(), migration.targetDatabase()));
            for (TableId table : TABLES) {
                assertEquals(expected.get(table.toString()), actual.get(table.toString()), "definition of " + table);
            }
            assertEquals(
                    3,
                    actual.get("public.item").path("indexes").size(),
                    actual.get("public.item").toString());
        }
    }

    @Test
    void anExtensionTheTargetAccountMayNotCreateIsNamedByThePrecheckAndFailsTheSinkAtOnce() throws Exception {
        String sourceDb = "ext_denied_src";
        String targetDb = "ext_denied_tgt";
        env.source().createDatabase(sourceDb);
        env.source().execute(sourceDb, """
                CREATE EXTENSION cube;
                CREATE EXTENSION earthdistance;
                CREATE EXTENSION seg;
                CREATE TABLE place (id int PRIMARY KEY, location earth NOT NULL, name text);
                CREATE TABLE gauge (id int PRIMARY KEY, reading seg);
                INSERT INTO place SELECT g, ll_to_earth(g * 0.5, g * 1.5), 'place ' || g FROM generate_series(1, 40) g;
                INSERT INTO gauge SELECT g, (g || ' .. ' || (g + 1))::seg FROM generate_series(1, 40) g;
                """);
        createOwnedTarget(targetDb, "ext_guest");
        Definition source = ConnectorConfigs.source("extdenied", sourceDb, Map.of("target.dialect", "polardb-o"));
        Definition sink = ConnectorConfigs.sink(
                "extdenied", targetDb, Map.of("connection.user", "ext_guest", "connection.password", "owner-secret"));
        // created stopped, as the README advises: the report checks both sides before anything is read or loaded
        createStopped(source);
        createStopped(sink);

        JsonNode report = env.rest().get("/pg2polar/migrations/extdenied/precheck");
        assertFalse(report.path("passed").asBoolean(), report.toPrettyString());
        JsonNode extensions = item(report.path("target"), "target.extensions");
        assertEquals("FAIL", extensions.path("status").asText(), extensions.toPrettyString());
        String found = extensions.path("detail").asText()
                + ' '
                + extensions.path("fix").asText();
        assertTrue(
                found.contains("earthdistance")
                        && found.contains("\"public\".\"place\"")
                        && found.contains("superuser")
                        && found.contains("CREATE EXTENSION IF NOT EXISTS \"earthdistance\" SCHEMA \"public\"")
                        && !found.contains("\"public\".\"gauge\""),
                found);
        // PolarDB-O's documented list names cube and earthdistance, not seg
        JsonNode polar = item(report.path("source"), "source.polardb_extensions");
        assertEquals("WARN", polar.path("status").asText(), polar.toPrettyString());
        assertTrue(
                polar.path("detail").asText().contains("seg")
                        && polar.path("detail").asText().contains("\"public\".\"gauge\"")
                        && !polar.path("detail").asText().contains("earthdistance"),
                polar.toPrettyString());

        env.rest().resume(source.name());
        env.rest().resume(sink.name());
        long started = System.nanoTime();
        // apply.retry.window is 10 min: failing within 2 shows the error is not retried
        String trace = failedTaskTrace(env.rest().awaitTaskFailed(sink.name(), Duration.ofMinutes(2)));
        System.out.println("ExtensionTypesIT: the sink task failed "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms after resuming");
        assertTrue(
                trace.contains("earthdistance")
                        && trace.contains("\"public\".\"place\"")
                        && trace.contains(
                                "CREATE EXTENSION IF NOT EXISTS \"cube\" SCHEMA \"public\"; CREATE EXTENSION IF NOT EXISTS \"earthdistance\" SCHEMA \"public\""),
                trace);
        assertFalse(tableExists(targetDb, "place"), "nothing of place is created before its extension");

        // the fix the message gives, run by a superuser; the restarted task then loads everything
        env.target()
                .execute(
                        targetDb,
                        "CREATE EXTENSION IF NOT EXISTS \"cube\" SCHEMA \"public\"; CREATE EXTENSION IF NOT EXISTS"
                                + " \"earthdistance\" SCHEMA \"public\"");
        env.rest().restart(sink.name());
        List<TableId> tables = List.of(new TableId("public", "place"), new TableId("public", "gauge"));
        Side sourceSide = new Side(env.source(), sourceDb);
        Side targetSide = new Side(env.target(), targetDb);
        DatabaseComparison.awaitIdentical(sourceSide, targetSide, tables, CATCH_UP);

        // a table created while streaming whose default calls a function of an extension the account may not create
        env.source().execute(sourceDb, """
                CREATE EXTENSION sslinfo;
                CREATE TABLE login_audit (id int PRIMARY KEY, over_ssl boolean DEFAULT ssl_is_used());
                INSERT INTO login_audit (id) VALUES (1);
                """);
        started = System.nanoTime();
        trace = failedTaskTrace(env.rest().awaitTaskFailed(sink.name(), Duration.ofMinutes(2)));
        System.out.println("ExtensionTypesIT: the sink task failed "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms after the CREATE TABLE");
        assertTrue(
                trace.contains("sslinfo")
                        && trace.contains("\"public\".\"login_audit\"")
                        && trace.contains("CREATE EXTENSION IF NOT EXISTS \"sslinfo\" SCHEMA \"public\""),
                trace);

        env.rest().delete(sink.name());
        env.rest().delete(source.name());
        Slots.drop(env.source(), sourceDb, "pg2polar_extdenied_source");
    }

    /** A target database owned by an account that is no superuser: it may create trusted extensions only. */
    private static void createOwnedTarget(String database, String owner) {
        env.target().dropDatabase(database);
        env.target()
                .execute(
                        "postgres",
                        "DROP ROLE IF EXISTS " + owner + "; CREATE ROLE " + owner + " LOGIN PASSWORD 'owner-secret'");
        env.target().execute("postgres", "CREATE DATABASE " + database + " OWNER " + owner);
    }

    private static void createStopped(Definition definition) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", definition.name());
        body.set("config", JSON.valueToTree(definition.config()));
        body.put("initial_state", "STOPPED");
        env.rest().post("/connectors", body, Duration.ofSeconds(30));
    }

    private static JsonNode item(JsonNode sideReport, String id) {
        for (JsonNode item : sideReport.path("items")) {
            if (item.path("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("No item " + id + " in " + sideReport.toPrettyString());
    }

    private static String failedTaskTrace(JsonNode status) {
        StringBuilder trace = new StringBuilder();
        status.path("tasks").forEach(task -> {
            if ("FAILED".equals(task.path("state").asText())) {
                trace.append(task.path("trace").asText());
            }
        });
        return trace.toString();
    }

    private static Map<String, String> extensions(String database) throws SQLException {
        Map<String, String> installed = new TreeMap<>();
        try (Connection connection = env.target().connect(database);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace")) {
            while (rs.next()) {
                installed.put(rs.getString(1), rs.getString(2));
            }
        }
        return installed;
    }

    private static boolean tableExists(String database, String table) throws SQLException {
        try (Connection connection = env.target().connect(database);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Source and target may ship other versions of an extension (PostgreSQL 17 and 14): the definitions compare without them. */
    private static Map<String, JsonNode> withoutExtensionVersions(Map<String, JsonNode> definitions) {
        definitions.values().forEach(d -> d.path("extensions").forEach(e -> ((ObjectNode) e).remove("version")));
        return definitions;
    }
}
