package io.pg2polar.it.kit;

import java.util.List;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.servers.postgres.PostgresServer;

/**
 * Three tables linked by foreign keys, parent → child → grandchild, with the column types a first migration
 * must carry: bigint, numeric, text, timestamptz, boolean, jsonb, bytea, uuid.
 */
public final class FamilyTables {

    public static final TableId PARENT = new TableId("public", "parent");
    public static final TableId CHILD = new TableId("public", "child");
    public static final TableId GRANDCHILD = new TableId("public", "grandchild");
    public static final List<TableId> ALL = List.of(PARENT, CHILD, GRANDCHILD);

    private static final String DDL = """
            CREATE TABLE parent (
                id bigserial PRIMARY KEY,
                name text NOT NULL,
                amount numeric(14,4),
                created_at timestamptz NOT NULL DEFAULT now(),
                active boolean,
                attrs jsonb,
                payload bytea,
                ref uuid);
            CREATE TABLE child (
                id bigserial PRIMARY KEY,
                parent_id bigint NOT NULL REFERENCES parent (id) ON DELETE CASCADE,
                label text,
                price numeric,
                updated_at timestamptz,
                done boolean,
                flags jsonb,
                blob bytea,
                token uuid);
            CREATE TABLE grandchild (
                id bigserial PRIMARY KEY,
                child_id bigint NOT NULL REFERENCES child (id) ON DELETE CASCADE,
                note text,
                big bigint,
                measured_at timestamptz,
                ok boolean,
                doc jsonb,
                raw bytea,
                uid uuid);
            """;

    private FamilyTables() {}

    /** Creates the three tables, with their foreign keys, in a database. */
    public static void create(PostgresServer server, String database) {
        server.execute(database, DDL);
    }

    /**
     * Fills the tables: {@code parents} parents with 3 children each, and 2 grandchildren per child, so
     * 10 000 parents give 100 000 rows.
     */
    public static void load(PostgresServer server, String database, int parents) {
        server.execute(database, """
                INSERT INTO parent (name, amount, created_at, active, attrs, payload, ref)
                SELECT 'parent ' || g || ' ünïcødé ✓', (g * 1.2345)::numeric(14,4),
                       timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute 0.123456 second', g %% 2 = 0,
                       jsonb_build_object('n', g, 'tags', jsonb_build_array('a', g::text)),
                       decode(md5(g::text), 'hex'), md5(g::text)::uuid
                FROM generate_series(1, %1$d) g;
                INSERT INTO child (parent_id, label, price, updated_at, done, flags, blob, token)
                SELECT p, 'child ' || p || '/' || k, (p * k) / 7.0, now() - k * interval '1 day', k = 2,
                       jsonb_build_object('k', k), decode(repeat('ab', k * 10), 'hex'), md5(p::text || k)::uuid
                FROM generate_series(1, %1$d) p, generate_series(1, 3) k;
                INSERT INTO grandchild (child_id, note, big, measured_at, ok, doc, raw, uid)
                SELECT c, 'grandchild ' || c || '/' || k, c::bigint * 1000003 * k, now() - c * interval '1 second', NULL,
                       CASE WHEN k = 1 THEN jsonb_build_object('deep', jsonb_build_object('x', c)) END,
                       CASE WHEN k = 2 THEN '\\x00ff'::bytea END, md5(c::text || 'g' || k)::uuid
                FROM generate_series(1, %1$d * 3) c, generate_series(1, 2) k;
                """.formatted(parents));
        server.execute(database, "ANALYZE");
    }
}
