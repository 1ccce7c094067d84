-- create schema
CREATE SCHEMA IF NOT EXISTS "Sales";

-- create enum type
CREATE TYPE "Sales"."status" AS ENUM ('new', 'paid', 'it''s sent');

-- create sequence
CREATE SEQUENCE IF NOT EXISTS "Sales"."order_id_seq" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE;

-- create table
CREATE TABLE "Sales"."order" ("id" bigint GENERATED ALWAYS AS IDENTITY, "level" numeric(12,2) DEFAULT 0.00 NOT NULL, "ordered on" date, "status" "Sales".status DEFAULT 'new'::"Sales".status, "note" text COLLATE "C", "customer" integer);

-- sequence owned by
ALTER SEQUENCE "Sales"."order_id_seq" OWNED BY "Sales"."order"."id";

-- add primary key
ALTER TABLE "Sales"."order" ADD CONSTRAINT "order_pkey" PRIMARY KEY (id);

-- add foreign key
ALTER TABLE "Sales"."order" ADD CONSTRAINT "order_customer_fkey" FOREIGN KEY (customer) REFERENCES "Sales".customer(id) NOT VALID;

-- create index
CREATE INDEX "order_ordered on_idx" ON "Sales"."order" USING btree ("ordered on");

-- replica identity
ALTER TABLE "Sales"."order" REPLICA IDENTITY FULL;

-- comment on table
COMMENT ON TABLE "Sales"."order" IS 'orders, one a row';

-- comment on column
COMMENT ON COLUMN "Sales"."order"."level" IS 'discount level';

-- add column
ALTER TABLE "Sales"."order" ADD COLUMN "ordered on" date;

-- drop column
ALTER TABLE "Sales"."order" DROP COLUMN "ordered on";

-- rename column
ALTER TABLE "Sales"."order" RENAME COLUMN "level" TO "Level";

-- alter column type
ALTER TABLE "Sales"."order" ALTER COLUMN "ordered on" TYPE date USING "ordered on"::date;

-- set default
ALTER TABLE "Sales"."order" ALTER COLUMN "level" SET DEFAULT 0.00;

-- drop default
ALTER TABLE "Sales"."order" ALTER COLUMN "note" DROP DEFAULT;

-- set not null
ALTER TABLE "Sales"."order" ALTER COLUMN "level" SET NOT NULL;

-- drop not null
ALTER TABLE "Sales"."order" ALTER COLUMN "note" DROP NOT NULL;

-- drop constraint
ALTER TABLE "Sales"."order" DROP CONSTRAINT IF EXISTS "order_pkey";

-- hold back foreign key
ALTER TABLE "Sales"."order" DROP CONSTRAINT "order_customer_fkey";

-- disable trigger
ALTER TABLE "Sales"."order" DISABLE TRIGGER "audit order";

-- drop index
DROP INDEX IF EXISTS "Sales"."order_ordered on_idx";

-- defer index
DROP INDEX "Sales"."order_ordered on_idx";

-- rename table
ALTER TABLE "Sales"."order" RENAME TO "orders";

-- move table
ALTER TABLE "Sales"."order" SET SCHEMA "archive";

-- drop table
DROP TABLE IF EXISTS "Sales"."order";

-- truncate
TRUNCATE TABLE "Sales"."order";

-- delete all
DELETE FROM "Sales"."order";

-- upsert
INSERT INTO "Sales"."order" ("id", "level", "ordered on") OVERRIDING SYSTEM VALUE VALUES (CAST(? AS bigint), CAST(? AS numeric(12,2)), CAST(? AS timestamp(0) without time zone)) ON CONFLICT ("id") DO UPDATE SET "level" = EXCLUDED."level", "ordered on" = EXCLUDED."ordered on";

-- insert
INSERT INTO "Sales"."order" ("id", "note") OVERRIDING SYSTEM VALUE VALUES (CAST(? AS bigint), CAST(? AS text));

-- insert if absent
INSERT INTO "Sales"."order" ("id", "note") OVERRIDING SYSTEM VALUE VALUES (CAST(? AS bigint), CAST(? AS text)) ON CONFLICT DO NOTHING;

-- update by key
UPDATE "Sales"."order" SET "level" = CAST(? AS numeric(12,2)), "note" = CAST(? AS text) WHERE "id" = CAST(? AS bigint);

-- delete by key
DELETE FROM "Sales"."order" WHERE "id" = CAST(? AS bigint);

-- update one matching
UPDATE "Sales"."order" SET "note" = CAST(? AS text) WHERE (tableoid, ctid) = (SELECT tableoid, ctid FROM "Sales"."order" WHERE "level"::text IS NOT DISTINCT FROM CAST(? AS numeric(12,2))::text AND "note"::text IS NOT DISTINCT FROM CAST(? AS text)::text LIMIT 1);

-- delete one matching
DELETE FROM "Sales"."order" WHERE (tableoid, ctid) = (SELECT tableoid, ctid FROM "Sales"."order" WHERE "level"::text IS NOT DISTINCT FROM CAST(? AS numeric(12,2))::text AND "note"::text IS NOT DISTINCT FROM CAST(? AS text)::text LIMIT 1);

-- copy
COPY "Sales"."order" ("id", "level", "ordered on", "note") FROM STDIN;

-- sequence exists
SELECT pg_catalog.to_regclass(?) IS NOT NULL;

-- sequence position
SELECT last_value, is_called FROM "Sales"."order_id_seq";

-- set sequence position
SELECT pg_catalog.setval(?::regclass, ?, true);

-- sequence schema
CREATE SCHEMA IF NOT EXISTS "Sales";

-- create synced sequence
CREATE SEQUENCE IF NOT EXISTS "Sales"."order_id_seq" AS integer INCREMENT BY -1 MINVALUE -1000 MAXVALUE 1000 START WITH 100 CACHE 20 CYCLE;

-- applied offset
SELECT next_offset FROM pg2polar.applied_offsets WHERE connector = ? AND topic = ? AND kafka_partition = ?;

-- save applied offset
INSERT INTO pg2polar.applied_offsets (connector, topic, kafka_partition, next_offset, applied_at)
VALUES (?, ?, ?, ?, now())
ON CONFLICT (connector, topic, kafka_partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, applied_at = now();

-- snapshot attempt
SELECT snapshot_position FROM pg2polar.snapshot_attempts WHERE connector = ? AND table_schema = ? AND table_name = ?;

-- save snapshot attempt
INSERT INTO pg2polar.snapshot_attempts (connector, table_schema, table_name, snapshot_position) VALUES (?, ?, ?, ?)
ON CONFLICT (connector, table_schema, table_name) DO UPDATE SET snapshot_position = EXCLUDED.snapshot_position, started_at = now();

-- snapshot load state
SELECT loading, replacing FROM pg2polar.snapshot_attempts WHERE connector = ? AND table_schema = ? AND table_name = ?;

-- set loading
UPDATE pg2polar.snapshot_attempts SET loading = ? WHERE connector = ? AND table_schema = ? AND table_name = ?;

-- set replacing
UPDATE pg2polar.snapshot_attempts SET replacing = ? WHERE connector = ? AND table_schema = ? AND table_name = ?;

-- save table progress
INSERT INTO pg2polar.table_progress AS p (connector, table_schema, table_name, snapshot_rows, snapshot_done, inserts, updates,
    deletes, truncates, ddl, rejected, last_source_ms, last_latency_ms, last_applied_at, loading, chunks_done, chunks_total)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
    (extract(epoch FROM clock_timestamp()) * 1000)::bigint - CAST(? AS bigint), clock_timestamp(), ?, ?, ?)
ON CONFLICT (connector, table_schema, table_name) DO UPDATE SET
    snapshot_rows = CASE WHEN CAST(? AS boolean) THEN EXCLUDED.snapshot_rows ELSE p.snapshot_rows + EXCLUDED.snapshot_rows END,
    snapshot_done = CASE WHEN CAST(? AS boolean) THEN CAST(? AS boolean)
                         ELSE p.snapshot_done OR CAST(? AS boolean) OR (CAST(? AS boolean) AND NOT p.loading) END,
    loading = CASE WHEN CAST(? AS boolean) THEN EXCLUDED.loading ELSE p.loading AND NOT CAST(? AS boolean) END,
    chunks_done = CASE WHEN CAST(? AS boolean) THEN EXCLUDED.chunks_done ELSE p.chunks_done + EXCLUDED.chunks_done END,
    chunks_total = CASE WHEN EXCLUDED.chunks_total >= 0 THEN EXCLUDED.chunks_total ELSE p.chunks_total END,
    inserts = p.inserts + EXCLUDED.inserts, updates = p.updates + EXCLUDED.updates, deletes = p.deletes + EXCLUDED.deletes,
    truncates = p.truncates + EXCLUDED.truncates, ddl = p.ddl + EXCLUDED.ddl, rejected = p.rejected + EXCLUDED.rejected,
    last_source_ms = COALESCE(EXCLUDED.last_source_ms, p.last_source_ms),
    last_latency_ms = COALESCE(EXCLUDED.last_latency_ms, p.last_latency_ms),
    last_applied_at = EXCLUDED.last_applied_at;

-- save connector progress
INSERT INTO pg2polar.connector_progress AS c (connector, heartbeat_slot, heartbeat_at_ms, heartbeat_applied_at, snapshot_completed_at)
VALUES (?, ?, ?, CASE WHEN CAST(? AS boolean) THEN clock_timestamp() END, CASE WHEN CAST(? AS boolean) THEN clock_timestamp() END)
ON CONFLICT (connector) DO UPDATE SET
    heartbeat_slot = COALESCE(EXCLUDED.heartbeat_slot, c.heartbeat_slot),
    heartbeat_at_ms = GREATEST(c.heartbeat_at_ms, EXCLUDED.heartbeat_at_ms),
    heartbeat_applied_at = COALESCE(EXCLUDED.heartbeat_applied_at, c.heartbeat_applied_at),
    snapshot_completed_at = COALESCE(c.snapshot_completed_at, EXCLUDED.snapshot_completed_at);

-- save lag
INSERT INTO pg2polar.lag_history (connector, applied_at, heartbeat_at_ms) VALUES (?, clock_timestamp(), ?)
ON CONFLICT (connector, applied_at) DO NOTHING;

-- prune lag
DELETE FROM pg2polar.lag_history WHERE connector = ? AND applied_at < clock_timestamp() - CAST(? AS interval);

-- record rename
INSERT INTO pg2polar.table_renames (old_schema, old_table, new_schema, new_table, source_lsn) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (old_schema, old_table) DO UPDATE SET new_schema = EXCLUDED.new_schema, new_table = EXCLUDED.new_table,
    renamed_at = now(), source_lsn = EXCLUDED.source_lsn
WHERE EXCLUDED.source_lsn IS NULL OR pg2polar.table_renames.source_lsn IS NULL
   OR pg2polar.table_renames.source_lsn <= EXCLUDED.source_lsn;

-- renamed later
SELECT new_schema, new_table FROM pg2polar.table_renames WHERE old_schema = ? AND old_table = ? AND source_lsn > ?;

-- old copy applied
SELECT 1 FROM pg2polar.table_renames
WHERE old_schema = ? AND old_table = ? AND new_schema = ? AND new_table = ? AND source_lsn >= ?;

-- resolve renamed table
WITH RECURSIVE renamed (schema_name, table_name, depth) AS (
    SELECT new_schema, new_table, 1 FROM pg2polar.table_renames WHERE old_schema = ? AND old_table = ?
  UNION ALL
    SELECT r.new_schema, r.new_table, n.depth + 1 FROM renamed n
    JOIN pg2polar.table_renames r ON r.old_schema = n.schema_name AND r.old_table = n.table_name WHERE n.depth < 20)
SELECT coalesce(pg_catalog.to_regclass(?)::oid,
                (SELECT pg_catalog.to_regclass(pg_catalog.quote_ident(schema_name) || '.' || pg_catalog.quote_ident(table_name))::oid
                 FROM renamed ORDER BY depth DESC LIMIT 1));

-- record held foreign key
INSERT INTO pg2polar.held_foreign_keys (table_schema, table_name, constraint_name, definition, was_valid)
VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING;

-- record pending foreign key
INSERT INTO pg2polar.pending_foreign_keys (table_schema, table_name, constraint_name, definition, was_valid, referenced_schema,
    referenced_table) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING;

-- pending foreign keys referencing
SELECT table_schema, table_name, constraint_name, definition, was_valid FROM pg2polar.pending_foreign_keys
WHERE referenced_schema = ? AND referenced_table = ?;

-- forget pending foreign key
DELETE FROM pg2polar.pending_foreign_keys WHERE table_schema = ? AND table_name = ? AND constraint_name = ?;

-- record unvalidated foreign key
INSERT INTO pg2polar.unvalidated_foreign_keys (table_schema, table_name, constraint_name) VALUES (?, ?, ?)
ON CONFLICT DO NOTHING;

-- record held trigger
INSERT INTO pg2polar.held_triggers (table_schema, table_name, trigger_name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING;

-- keep deferred index
INSERT INTO pg2polar.deferred_indexes (table_schema, table_name, position, index_name, restore_statement) VALUES (?, ?, ?, ?, ?);

-- forget deferred indexes
DELETE FROM pg2polar.deferred_indexes WHERE table_schema = ? AND table_name = ?;

-- deferred indexes
SELECT restore_statement FROM pg2polar.deferred_indexes WHERE table_schema = ? AND table_name = ? ORDER BY position;
