package io.pg2polar.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.CatalogDefinitions;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.TwoDatabaseMigration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Schema migration into an empty target database: enums, domains, composite types, a partitioned table, foreign
 * keys, check constraints, partial and expression indexes, identity and serial columns, comments - the target's
 * catalog ends up describing every table exactly as the source's does, and the rows follow.
 */
class SchemaMigrationIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    static final String SOURCE_SCHEMA = """
            CREATE SCHEMA sales;
            CREATE TYPE sales.mood AS ENUM ('sad', 'ok', 'happy');
            CREATE DOMAIN sales.positive AS integer CHECK (VALUE > 0) NOT NULL DEFAULT 1;
            CREATE TYPE sales.pair AS (a sales.positive, b sales.mood[]);
            CREATE SEQUENCE sales.invoice_no START 1000 INCREMENT 10;
            CREATE TABLE sales.customer (
                id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                email text COLLATE "C" NOT NULL UNIQUE,
                "level" integer NOT NULL DEFAULT 1 CHECK ("level" BETWEEN 1 AND 5),
                mood sales.mood DEFAULT 'ok',
                since date);
            COMMENT ON TABLE sales.customer IS 'people who buy';
            COMMENT ON COLUMN sales.customer."level" IS 'loyalty level (a PolarDB-O reserved word)';
            CREATE TABLE sales."Order" (
                id bigserial PRIMARY KEY,
                invoice bigint NOT NULL DEFAULT nextval('sales.invoice_no'),
                customer_id int NOT NULL REFERENCES sales.customer (id) ON DELETE CASCADE,
                total numeric(12,2) NOT NULL CHECK (total >= 0),
                doubled numeric GENERATED ALWAYS AS (total * 2) STORED,
                extra sales.pair,
                tags sales.mood[],
                placed_at timestamptz NOT NULL DEFAULT now());
            CREATE INDEX order_big ON sales."Order" (total) WHERE total > 1000;
            CREATE INDEX order_day ON sales."Order" (date_trunc('day', placed_at AT TIME ZONE 'UTC'));
            CREATE TABLE sales.event (id bigint, region text, payload jsonb, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
            CREATE TABLE sales.event_eu PARTITION OF sales.event FOR VALUES IN ('eu');
            CREATE TABLE sales.event_us PARTITION OF sales.event FOR VALUES IN ('us');
            CREATE INDEX event_payload ON sales.event USING gin (payload);
            INSERT INTO sales.customer (email, "level", mood, since)
                SELECT 'c' || g || '@example.com', g % 5 + 1, (ARRAY['sad', 'ok', 'happy'])[g % 3 + 1]::sales.mood, date '2020-01-01' + g
                FROM generate_series(1, 50) g;
            INSERT INTO sales."Order" (customer_id, total, extra, tags)
                SELECT g % 50 + 1, g * 10.5, ROW(g % 3 + 1, ARRAY['ok']::sales.mood[])::sales.pair, ARRAY['happy', 'sad']::sales.mood[]
                FROM generate_series(1, 300) g;
            INSERT INTO sales.event SELECT g, CASE WHEN g % 2 = 0 THEN 'eu' ELSE 'us' END, jsonb_build_object('g', g)
                FROM generate_series(1, 100) g;
            """;
    static final List<TableId> TABLES = List.of(
            new TableId("sales", "customer"),
            new TableId("sales", "Order"),
            new TableId("sales", "event_eu"),
            new TableId("sales", "event_us"));

    @Test
    void emptyTargetEndsUpWithTheSourceSchemaAndRows() {
        try (TwoDatabaseMigration migration =
                TwoDatabaseMigration.create(env, "schema").onSource(SOURCE_SCHEMA)) {
            migration.start();
            migration.awaitIdentical(TABLES, Duration.ofMinutes(3));
            migration.onSource("INSERT INTO sales.customer (email) VALUES ('late@example.com');"
                    + " INSERT INTO sales.\"Order\" (customer_id, total) VALUES (51, 1);");
            migration.awaitIdentical(TABLES, Duration.ofMinutes(3));

            migration.onTarget("SELECT pg2polar.restore_foreign_keys()");
            Map<String, JsonNode> expected = CatalogDefinitions.of(env.source(), migration.sourceDatabase());
            Map<String, JsonNode> actual = CatalogDefinitions.of(env.target(), migration.targetDatabase());
            assertEquals(expected.keySet(), actual.keySet());
            for (String table : expected.keySet()) {
                assertEquals(expected.get(table), actual.get(table), "definition of " + table);
            }
            assertTrue(expected.get("sales.Order").path("indexes").size() == 2);
        }
    }

    /**
     * A table with two parents (old-style inheritance, no partitions) is migrated as the table it is, with every
     * column of its own and of its parents, and does not stop the definitions of the others being read.
     */
    @Test
    void tableInheritingFromTwoParentsIsMigratedWithAllItsColumns() {
        try (TwoDatabaseMigration migration = TwoDatabaseMigration.create(env, "legacy")) {
            migration.onSource("""
                    CREATE TABLE named (id int PRIMARY KEY, name text);
                    CREATE TABLE dated (id int PRIMARY KEY, since date);
                    CREATE TABLE member (id int PRIMARY KEY, level int) INHERITS (named, dated);
                    INSERT INTO named VALUES (1, 'only named');
                    INSERT INTO dated VALUES (1, '2020-01-01');
                    INSERT INTO member SELECT g, 'member ' || g, date '2021-01-01' + g, g % 3 FROM generate_series(1, 20) g;
                    """);
            List<TableId> member = List.of(new TableId("public", "member"));

            migration.start();
            migration.awaitIdentical(member, Duration.ofMinutes(3));
        }
    }
}
