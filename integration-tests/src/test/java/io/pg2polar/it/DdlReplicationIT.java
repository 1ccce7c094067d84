package io.pg2polar.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.CatalogDefinitions;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.DatabaseComparison.Side;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.TwoDatabaseMigration;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.servers.postgres.PostgresServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DDL replicated in WAL order during incremental migration: every kind DTS lists and more, each with rows
 * changed before and after it, in the same transaction and in separate ones. After each, the target's rows and
 * the target's own catalog description of the table equal the source's. All tables are created on the source
 * after the migration started, so every test also shows a new table picked up with its rows.
 */
class DdlReplicationIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final String SOURCE_DB = "ddl_src";
    private static final String TARGET_DB = "ddl_tgt";
    private static final Duration CATCH_UP = Duration.ofMinutes(2);
    private static TwoDatabaseMigration migration;

    @BeforeAll
    static void startMigration() {
        migration = TwoDatabaseMigration.create(env, "ddl")
                .onSource("CREATE TABLE seed (id int PRIMARY KEY)")
                .start(Map.of("table.exclude.list", "public\\.private_.*"), Map.of())
                .awaitRunning(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stopMigration() {
        if (migration != null) {
            migration.close();
        }
    }

    @Test
    void createTableAndInsertInOneTransaction() {
        source("BEGIN; CREATE TABLE created (id int PRIMARY KEY, v text NOT NULL DEFAULT 'x');"
                + " INSERT INTO created VALUES (1, 'a'), (2, 'b'); COMMIT");
        source("INSERT INTO created (id) VALUES (3)");
        assertReplicated("created");
    }

    @Test
    void dropTable() {
        source("CREATE TABLE doomed (id int PRIMARY KEY); INSERT INTO doomed VALUES (1)");
        assertReplicated("doomed");
        source("INSERT INTO doomed VALUES (2); DROP TABLE doomed");
        Await.until("doomed is dropped on the target", CATCH_UP, () -> !targetHasTable("doomed"));
    }

    @Test
    void renameTableThenInsertIntoTheNewName() {
        source("CREATE TABLE old_name (id int PRIMARY KEY, v text); INSERT INTO old_name VALUES (1, 'before')");
        source("ALTER TABLE old_name RENAME TO new_name");
        source("INSERT INTO new_name VALUES (2, 'right after the rename')");
        source(
                "BEGIN; INSERT INTO new_name VALUES (3, 'same tx'); ALTER TABLE new_name RENAME TO newest_name;"
                        + " INSERT INTO newest_name VALUES (4, 'after second rename'); UPDATE newest_name SET v = v || '!'; COMMIT");
        assertReplicated("newest_name");
        assertFalse(targetHasTable("old_name"));
        assertFalse(targetHasTable("new_name"));
    }

    /**
     * A sink that reads the new names' topics before the old name's (here: subscribed to them first) waits for the
     * old name's copy of the rename for rename.wait.ms, then creates the table from the rename; later it skips the
     * old name's definitions from before the rename and applies its rows to the renamed table, instead of creating
     * the old table again (its primary key's name is taken).
     */
    @Test
    void renameReachingTheNewNamesTopicBeforeTheOldOnes() {
        source("CREATE TABLE moved_from (id int PRIMARY KEY, v text); INSERT INTO moved_from VALUES (1, 'before')");
        source("ALTER TABLE moved_from RENAME TO moved_to; INSERT INTO moved_to VALUES (2, 'after the rename')");
        source(
                "ALTER TABLE moved_to RENAME TO moved_last; INSERT INTO moved_last VALUES (3, 'after the second rename')");
        String lateDb = "ddl_late_tgt";
        env.target().createDatabase(lateDb);
        // not reading the old name's topic at first, it waits for that copy of the first rename only this long
        Definition late = ConnectorConfigs.sink(
                        "ddl",
                        lateDb,
                        Map.of("topics.regex", "ddl\\.public\\.moved_(to|last)", "rename.wait.ms", "3000"))
                .renamed("ddl-late-sink", Map.of());
        env.rest().putConnector(late.name(), late.config());
        try {
            TableId moved = new TableId("public", "moved_last");
            Await.until(
                    "the rows after the renames reach moved_last",
                    CATCH_UP,
                    () -> "t".equals(value(env.target(), lateDb, "SELECT to_regclass('public.moved_last') IS NOT NULL"))
                            && "2".equals(value(env.target(), lateDb, "SELECT count(*) FROM public.moved_last")));
            env.rest()
                    .putConnector(
                            late.name(),
                            late.renamed(late.name(), Map.of("topics.regex", "ddl\\.public\\.moved_.*"))
                                    .config());
            DatabaseComparison.awaitIdentical(
                    migration.source(), new Side(env.target(), lateDb), List.of(moved), CATCH_UP);
            env.rest()
                    .status(late.name())
                    .path("tasks")
                    .forEach(task -> assertEquals("RUNNING", task.path("state").asText()));
            assertEquals(
                    "moved_last",
                    value(
                            env.target(),
                            lateDb,
                            "SELECT string_agg(relname, ',') FROM pg_class WHERE relname LIKE 'moved%' AND relkind = 'r'"));
        } finally {
            env.rest().delete(late.name());
        }
    }

    @Test
    void addColumnAndAddColumnWithDefault() {
        source("CREATE TABLE widened (id int PRIMARY KEY); INSERT INTO widened SELECT generate_series(1, 5)");
        source("ALTER TABLE widened ADD COLUMN note text; INSERT INTO widened VALUES (6, 'six')");
        source(
                "BEGIN; INSERT INTO widened VALUES (7, 'seven'); ALTER TABLE widened ADD COLUMN qty int NOT NULL DEFAULT 7;"
                        + " INSERT INTO widened VALUES (8, 'eight', 8); COMMIT");
        assertReplicated("widened");
    }

    @Test
    void alterColumnType() {
        source(
                "CREATE TABLE retyped (id int PRIMARY KEY, amount int, code text); INSERT INTO retyped VALUES (1, 10, 'ab')");
        assertReplicated("retyped");
        source("ALTER TABLE retyped ALTER COLUMN amount TYPE numeric(12,3), ALTER COLUMN code TYPE varchar(10);"
                + " INSERT INTO retyped VALUES (2, 2.125, 'cd')");
        assertReplicated("retyped");
    }

    @Test
    void dropColumnAndRenameColumn() {
        source(
                "CREATE TABLE reshaped (id int PRIMARY KEY, gone text, qty int); INSERT INTO reshaped VALUES (1, 'x', 1)");
        source("BEGIN; ALTER TABLE reshaped DROP COLUMN gone; INSERT INTO reshaped VALUES (2, 2); COMMIT");
        source(
                "ALTER TABLE reshaped RENAME COLUMN qty TO quantity; INSERT INTO reshaped VALUES (3, 3); UPDATE reshaped SET quantity = 9 WHERE id = 1");
        assertReplicated("reshaped");
    }

    @Test
    void setAndDropNotNullAndDropDefault() {
        source(
                "CREATE TABLE nullable (id int PRIMARY KEY, v text DEFAULT 'd', w text NOT NULL); INSERT INTO nullable (id, w) VALUES (1, 'w')");
        source(
                "ALTER TABLE nullable ALTER COLUMN v SET NOT NULL, ALTER COLUMN w DROP NOT NULL; INSERT INTO nullable VALUES (2, 'v', NULL)");
        source("ALTER TABLE nullable ALTER COLUMN v DROP DEFAULT; INSERT INTO nullable VALUES (3, 'explicit', 'w')");
        assertReplicated("nullable");
    }

    @Test
    void addConstraintsUniqueCheckAndForeignKey() {
        source(
                "CREATE TABLE ref_parent (id int PRIMARY KEY); CREATE TABLE constrained (id int PRIMARY KEY, parent int, qty int, email text);"
                        + " INSERT INTO ref_parent VALUES (1); INSERT INTO constrained VALUES (1, 1, 5, 'a@x')");
        source("ALTER TABLE constrained ADD CONSTRAINT constrained_qty CHECK (qty > 0);"
                + " ALTER TABLE constrained ADD CONSTRAINT constrained_email UNIQUE (email);"
                + " ALTER TABLE constrained ADD CONSTRAINT constrained_parent FOREIGN KEY (parent) REFERENCES ref_parent (id);"
                + " INSERT INTO constrained VALUES (2, 1, 6, 'b@x')");
        assertReplicated("ref_parent");
        env.target().execute(TARGET_DB, "SELECT pg2polar.restore_foreign_keys()");
        assertReplicated("constrained");
    }

    @Test
    void createIndexAndDropIndex() {
        source(
                "CREATE TABLE indexed (id int PRIMARY KEY, email text, score int); INSERT INTO indexed VALUES (1, 'A@x', 3)");
        source(
                "CREATE INDEX indexed_lower_email ON indexed (lower(email)); CREATE INDEX indexed_high ON indexed (score) WHERE score > 100;"
                        + " INSERT INTO indexed VALUES (2, 'b@x', 200)");
        assertReplicated("indexed");
        source("DROP INDEX indexed_high; INSERT INTO indexed VALUES (3, 'c@x', 300)");
        assertReplicated("indexed");
    }

    @Test
    void truncateInTheMiddleOfChanges() {
        source("CREATE TABLE emptied (id int PRIMARY KEY); INSERT INTO emptied SELECT generate_series(1, 10)");
        source("BEGIN; INSERT INTO emptied VALUES (11); TRUNCATE emptied; INSERT INTO emptied VALUES (100); COMMIT");
        assertReplicated("emptied");
    }

    @Test
    void createSequenceUsedByANewTable() {
        source("CREATE SEQUENCE ticket_no START 500 INCREMENT 5;"
                + " CREATE TABLE ticket (id bigint PRIMARY KEY DEFAULT nextval('ticket_no'), title text);"
                + " INSERT INTO ticket (title) VALUES ('first'), ('second')");
        assertReplicated("ticket");
    }

    @Test
    void ddlInsideATransactionThatAlsoChangesRows() {
        source("CREATE TABLE mixed (id int PRIMARY KEY, a int); INSERT INTO mixed VALUES (1, 1), (2, 2)");
        source("BEGIN; UPDATE mixed SET a = 10 WHERE id = 1; ALTER TABLE mixed ADD COLUMN b text DEFAULT 'b';"
                + " UPDATE mixed SET b = 'changed' WHERE id = 2; DELETE FROM mixed WHERE id = 1; INSERT INTO mixed VALUES (3, 3, 'c');"
                + " ALTER TABLE mixed RENAME COLUMN a TO alpha; INSERT INTO mixed VALUES (4, 4, 'd'); COMMIT");
        assertReplicated("mixed");
    }

    @Test
    void newAndRenamedKeylessTablesGetReplicaIdentityFull() {
        source("CREATE TABLE keyless (kind text, n int); INSERT INTO keyless VALUES ('a', 1), ('a', 1), ('b', 2)");
        source("UPDATE keyless SET n = 5 WHERE ctid = (SELECT ctid FROM keyless WHERE kind = 'a' LIMIT 1);"
                + " DELETE FROM keyless WHERE kind = 'b'");
        assertReplicated("keyless");
        assertEquals("f", sourceValue("SELECT relreplident::text FROM pg_class WHERE relname = 'keyless'"));
        source("CREATE TABLE keyless_old (kind text); ALTER TABLE keyless_old REPLICA IDENTITY DEFAULT;"
                + " ALTER TABLE keyless_old RENAME TO keyless_renamed; INSERT INTO keyless_renamed VALUES ('x'), ('x');"
                + " UPDATE keyless_renamed SET kind = 'y' WHERE ctid = (SELECT ctid FROM keyless_renamed LIMIT 1)");
        assertReplicated("keyless_renamed");
        assertEquals("f", sourceValue("SELECT relreplident::text FROM pg_class WHERE relname = 'keyless_renamed'"));
    }

    @Test
    void ddlFromReplicationSessionsIsNotReplicated() {
        source("CREATE TABLE replicated_elsewhere (id int PRIMARY KEY); INSERT INTO replicated_elsewhere VALUES (1)");
        assertReplicated("replicated_elsewhere");
        String logged = sourceValue("SELECT count(*)::text FROM pg2polar.ddl_log");
        source("SET session_replication_role = replica; ALTER TABLE replicated_elsewhere ADD COLUMN extra int");
        assertEquals(
                logged,
                sourceValue("SELECT count(*)::text FROM pg2polar.ddl_log"),
                "a replica session's DDL is not captured");
        // as with DTS, whoever runs DDL in a replication session applies it to the target too
        env.target().execute(TARGET_DB, "ALTER TABLE replicated_elsewhere ADD COLUMN extra int");
        source("INSERT INTO replicated_elsewhere VALUES (2, 2)");
        assertReplicated("replicated_elsewhere");
    }

    @Test
    void ddlOnTablesLeftOutOfTheMigrationIsNotReplicated() {
        source(
                "CREATE TABLE private_notes (id int PRIMARY KEY); INSERT INTO private_notes VALUES (1);"
                        + " ALTER TABLE private_notes ADD COLUMN body text; CREATE TABLE visible (id int PRIMARY KEY); INSERT INTO visible VALUES (1)");
        assertReplicated("visible");
        assertFalse(targetHasTable("private_notes"));
    }

    /** Waits until the table holds the same rows on both sides, then compares the catalogs' descriptions of it. */
    private static void assertReplicated(String table) {
        TableId id = new TableId("public", table);
        migration.awaitIdentical(List.of(id), CATCH_UP);
        JsonNode expected = CatalogDefinitions.of(env.source(), SOURCE_DB).get(id.toString());
        Await.until(
                "the target's definition of " + table + " equals the source's",
                CATCH_UP,
                () -> expected.equals(
                        CatalogDefinitions.of(env.target(), TARGET_DB).get(id.toString())));
        assertTrue(expected != null);
    }

    private static void source(String sql) {
        env.source().execute(SOURCE_DB, sql);
    }

    private static String sourceValue(String sql) {
        return value(env.source(), SOURCE_DB, sql);
    }

    /** The first column of the first row. */
    private static String value(PostgresServer server, String database, String sql) {
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean targetHasTable(String table) {
        try (Connection connection = env.target().connect(TARGET_DB);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
