package io.pg2polar.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.LiveWriter;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.TwoDatabaseMigration;
import io.pg2polar.it.kit.Validation;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Row filters ({@code row.filter.<schema>.<table>}) under a live writer whose updates move rows into and out of
 * the filter: the target ends with exactly the source rows that match, as PostgreSQL 15 publication row filters
 * define it, also where a condition holds ';' or '--' inside its strings. Conditions PostgreSQL cannot use are refused
 * by validate on their own field.
 */
class RowFilterIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final String SOURCE_DB = "rowfilter_src";
    /** ';', '--' and '/*' inside quoted strings are part of the expression, not the end of it. */
    private static final String ORDERS_FILTER =
            "region = 'EU' AND amount >= 100 AND status NOT IN ('paid', 'x; drop table orders; --',"
                    + " $$/* not a comment */$$)";

    private static final String EVENTS_FILTER = "id % 2 = 0";

    @Test
    void theTargetHoldsExactlyTheMatchingRowsWhileUpdatesMoveRowsInAndOut() {
        try (TwoDatabaseMigration migration = createSource()) {
            Map<String, String> filters =
                    Map.of("row.filter.public.orders", ORDERS_FILTER, "row.filter.public.events", EVENTS_FILTER);
            Definition source = ConnectorConfigs.source("rowfilter", SOURCE_DB, filters);
            Validation clean =
                    new Validation(env.rest().validate(source.config().get("connector.class"), withName(source)));
            assertEquals(0, clean.errorCount(), clean.toString());
            migration.start(filters, Map.of());
            awaitFiltered(migration);

            try (LiveWriter writer = LiveWriter.start(env.source(), SOURCE_DB, RowFilterIT::moveRows, 20)) {
                Await.until(
                        "the writer moved rows in and out", Duration.ofMinutes(1), () -> writer.transactions() > 100);
            }
            awaitFiltered(migration);
        }
    }

    @Test
    void conditionsPostgresqlCannotUseAreRefusedOnTheirField() {
        try (TwoDatabaseMigration migration = createSource()) {
            Map<String, String> filters = Map.of(
                    "row.filter.public.notes", "body LIKE 'x%'",
                    "row.filter.public.events", "id IN (SELECT 1)",
                    "row.filter.public.orders", "amount + 1",
                    "row.filter.public.nowhere", "true",
                    "row.filter.orders", "true");
            Definition source = ConnectorConfigs.source("rowfilter-bad", SOURCE_DB, filters);
            Validation result =
                    new Validation(env.rest().validate(source.config().get("connector.class"), withName(source)));
            assertOneError(result, "row.filter.public.notes", "replica identity");
            assertOneError(result, "row.filter.public.events", "cannot be used");
            assertOneError(result, "row.filter.public.orders", "boolean");
            assertOneError(result, "row.filter.public.nowhere", "not among the migrated tables");
            assertOneError(result, "row.filter.orders", "row.filter.<schema>.<table>");
        }
    }

    private static TwoDatabaseMigration createSource() {
        return TwoDatabaseMigration.create(env, "rowfilter").onSource("""
                CREATE TABLE orders (id bigint PRIMARY KEY, region text NOT NULL, amount numeric(10,2) NOT NULL, status text);
                ALTER TABLE orders REPLICA IDENTITY FULL;
                INSERT INTO orders SELECT g, (ARRAY['EU', 'US', 'CN'])[1 + g % 3], (g * 37) % 250, 'new' FROM generate_series(1, 600) g;
                CREATE TABLE events (id bigint PRIMARY KEY, kind text);
                INSERT INTO events SELECT g, 'e' || g FROM generate_series(1, 300) g;
                CREATE TABLE notes (id int PRIMARY KEY, body text);
                INSERT INTO notes VALUES (1, 'x');
                """);
    }

    /** Updates that move orders across the filter both ways, inserts and deletes on both filtered tables. */
    private static void moveRows(Connection connection) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long id = 1 + random.nextInt(650);
        try (Statement statement = connection.createStatement()) {
            switch (random.nextInt(6)) {
                case 0 ->
                    statement.execute(
                            "UPDATE orders SET region = CASE region WHEN 'EU' THEN 'US' ELSE 'EU' END WHERE id = "
                                    + id);
                case 1 ->
                    statement.execute(
                            "UPDATE orders SET amount = CASE WHEN amount >= 100 THEN 50 ELSE 150 END, status = 'moved' WHERE id = "
                                    + id);
                case 2 -> statement.execute("UPDATE orders SET status = 'paid' WHERE id = " + id);
                case 3 ->
                    statement.execute("INSERT INTO orders VALUES (" + id
                            + ", 'EU', 120, 'late') ON CONFLICT (id) DO UPDATE SET amount = 99");
                case 4 -> statement.execute("DELETE FROM orders WHERE id = " + id);
                default ->
                    statement.execute("INSERT INTO events VALUES (" + (1000 + id)
                            + ", 'late') ON CONFLICT (id) DO UPDATE SET id = events.id + 1");
            }
        }
    }

    private static void awaitFiltered(TwoDatabaseMigration migration) {
        migration.onSource(
                "DROP VIEW IF EXISTS orders_matching; CREATE VIEW orders_matching AS SELECT * FROM orders WHERE "
                        + ORDERS_FILTER
                        + "; DROP VIEW IF EXISTS events_matching; CREATE VIEW events_matching AS SELECT * FROM events WHERE "
                        + EVENTS_FILTER);
        for (String table : List.of("orders", "events")) {
            TableId view = new TableId("public", table + "_matching");
            TableId migrated = new TableId("public", table);
            Await.until(table + " on the target are the matching source rows", Duration.ofMinutes(3), () -> {
                try {
                    return DatabaseComparison.rows(migration.source(), view).equals(migration.targetRows(migrated));
                } catch (RuntimeException e) {
                    return false;
                }
            });
            assertTrue(migration.targetRows(migrated).size() > 50);
        }
    }

    private static void assertOneError(Validation result, String field, String text) {
        List<String> errors = result.errorsOn(field);
        assertTrue(
                errors.size() == 1 && errors.get(0).contains(text),
                "expected on " + field + " one error containing '" + text + "': " + result);
    }

    private static Map<String, String> withName(Definition definition) {
        Map<String, String> config = new HashMap<>(definition.config());
        config.put("name", definition.name());
        return config;
    }
}
