package io.pg2polar.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.LiveWriter;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.TwoDatabaseMigration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Object selection at schema, table and column granularity under a live writer: only the selected schemas and
 * tables reach the target, a left-out column is neither created nor written (also after DDL on its table), and
 * every selected row is compared.
 */
class SelectionIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final String SOURCE_DB = "selection_src";
    private static final String TARGET_DB = "selection_tgt";
    private static final TableId ORDERS = new TableId("sales", "orders");
    private static final TableId CUSTOMERS = new TableId("sales", "customers");
    private static final TableId NOTES = new TableId("public", "notes");

    @Test
    void onlySelectedSchemasTablesAndColumnsAreMigrated() throws SQLException {
        try (TwoDatabaseMigration migration = TwoDatabaseMigration.create(env, "selection")) {
            migration.onSource("""
                    CREATE SCHEMA sales;
                    CREATE SCHEMA hr;
                    CREATE TABLE sales.customers (id bigint PRIMARY KEY, name text NOT NULL, ssn char(11) NOT NULL CHECK (ssn ~ '^[0-9-]+$'),
                        tier int DEFAULT 1);
                    CREATE UNIQUE INDEX customers_ssn ON sales.customers (ssn);
                    CREATE TABLE sales.orders (id bigserial PRIMARY KEY, customer_id bigint REFERENCES sales.customers (id), amount numeric(12,2));
                    CREATE TABLE hr.staff (id int PRIMARY KEY, salary numeric);
                    CREATE TABLE public.notes (id int PRIMARY KEY, body text);
                    CREATE TABLE public.scratch (id int PRIMARY KEY, junk text);
                    INSERT INTO sales.customers SELECT g, 'customer ' || g, lpad(g::text, 11, '0'), g % 3 FROM generate_series(1, 300) g;
                    INSERT INTO sales.orders (customer_id, amount) SELECT 1 + g % 300, g * 1.5 FROM generate_series(1, 1000) g;
                    INSERT INTO hr.staff SELECT g, g * 1000 FROM generate_series(1, 50) g;
                    INSERT INTO public.notes SELECT g, 'note ' || g FROM generate_series(1, 100) g;
                    INSERT INTO public.scratch SELECT g, 'junk' FROM generate_series(1, 100) g;
                    """);
            migration.start(
                    Map.of(
                            "schema.include.list", "sales,public",
                            "table.exclude.list", "public\\.scratch",
                            "column.exclude.list", "sales\\.customers\\.ssn"),
                    Map.of());

            try (LiveWriter writer = LiveWriter.start(env.source(), SOURCE_DB, SelectionIT::writeEverywhere, 20)) {
                Await.until("the writer is busy", Duration.ofMinutes(1), () -> writer.transactions() > 60);
                migration.onSource("ALTER TABLE sales.customers ADD COLUMN vip boolean DEFAULT false");
                Await.until("the writer wrote after the DDL", Duration.ofMinutes(1), () -> writer.transactions() > 120);
            }
            migration.onSource("""
                    CREATE VIEW public.customers_selected AS SELECT id, name, tier, vip FROM sales.customers""");
            migration.awaitIdentical(List.of(ORDERS, NOTES), Duration.ofMinutes(3));
            Await.until("customers equal without ssn", Duration.ofMinutes(2), () -> {
                try {
                    return DatabaseComparison.rows(migration.source(), new TableId("public", "customers_selected"))
                            .equals(migration.targetRows(CUSTOMERS));
                } catch (RuntimeException e) {
                    return false;
                }
            });

            assertEquals(List.of("id", "name", "tier", "vip"), columns(CUSTOMERS));
            assertEquals(
                    0,
                    count("SELECT count(*) FROM pg_indexes WHERE indexname = 'customers_ssn'"),
                    "the index on the left-out column is not created");
            assertFalse(exists("hr.staff"), "an unselected schema stays on the source");
            assertFalse(exists("public.scratch"), "an excluded table stays on the source");
            assertFalse(exists("public.customers_selected"));
            assertEquals(
                    1,
                    count("SELECT count(*) FROM pg_constraint WHERE conname = 'orders_customer_id_fkey'"),
                    "foreign keys between selected tables stay");
        }
    }

    private static void writeEverywhere(Connection connection) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long customer = 1 + random.nextInt(300);
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO sales.orders (customer_id, amount) VALUES (" + customer + ", "
                    + random.nextInt(10_000) / 100.0 + ")");
            String ssn = "lpad('" + random.nextInt(1_000_000) + "', 11, '9')";
            statement.execute("UPDATE sales.customers SET name = 'renamed " + random.nextInt(1000) + "', ssn = " + ssn
                    + " WHERE id = " + customer + " AND NOT EXISTS (SELECT 1 FROM sales.customers WHERE ssn = " + ssn
                    + ")");
            statement.execute("DELETE FROM sales.orders WHERE id = (SELECT min(id) FROM sales.orders) AND "
                    + random.nextInt(4) + " = 0");
            statement.execute("UPDATE public.notes SET body = body || '.' WHERE id = " + (1 + random.nextInt(100)));
            statement.execute("UPDATE hr.staff SET salary = salary + 1 WHERE id = " + (1 + random.nextInt(50)));
            statement.execute("UPDATE public.scratch SET junk = junk || 'x' WHERE id = " + (1 + random.nextInt(100)));
        }
    }

    private static List<String> columns(TableId table) throws SQLException {
        try (Connection connection = env.target().connect(TARGET_DB);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT attname FROM pg_attribute WHERE attrelid = '"
                        + table.quoted() + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    private static boolean exists(String table) throws SQLException {
        return count("SELECT count(*) FROM pg_class WHERE oid = to_regclass('" + table + "')") > 0;
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = env.target().connect(TARGET_DB);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
