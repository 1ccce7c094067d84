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
