-- pg2polar DDL capture, installed on the source by the source connector (needs a superuser: event triggers).
-- Every DDL on a table records the table's definition after the change - and before it - in pg2polar.ddl_log,
-- a table in the publication, so the change reaches the source task through the WAL in order with the rows.
-- Remove everything with: SELECT pg2polar.uninstall();
CREATE SCHEMA IF NOT EXISTS pg2polar;

CREATE TABLE IF NOT EXISTS pg2polar.ddl_log (
    id bigserial PRIMARY KEY,
    command_tag text NOT NULL,
    object_type text,
    table_oid bigint NOT NULL,
    schema_name text NOT NULL,
    table_name text NOT NULL,
    previous_schema text,
    previous_table text,
    definition jsonb,
    previous_definition jsonb,
    statement text,
    txid bigint NOT NULL DEFAULT pg_catalog.txid_current(),
    logged_at timestamptz NOT NULL DEFAULT pg_catalog.now());
COMMENT ON TABLE pg2polar.ddl_log IS 'DDL captured by pg2polar: each row is a table definition after a change, replicated in WAL order';

CREATE TABLE IF NOT EXISTS pg2polar.table_state (
    table_oid bigint PRIMARY KEY,
    schema_name text NOT NULL,
    table_name text NOT NULL,
    definition jsonb NOT NULL);
COMMENT ON TABLE pg2polar.table_state IS 'Last definition pg2polar saw of each table: tells renames and the definition before a change';

CREATE OR REPLACE FUNCTION pg2polar.table_definition(table_oid oid) RETURNS jsonb
LANGUAGE sql STABLE SET quote_all_identifiers = on SET search_path = '' AS $definition$
%TABLE_DEFINITION%
$definition$;

-- a partition's definition carries its parent's, so the target can create the parent first
CREATE OR REPLACE FUNCTION pg2polar.full_definition(table_oid oid) RETURNS jsonb
LANGUAGE plpgsql STABLE SET search_path = '' AS $full$
DECLARE
    parent oid;
    result jsonb := pg2polar.table_definition(table_oid);
BEGIN
    SELECT i.inhparent INTO parent FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
    WHERE i.inhrelid = table_oid AND c.relispartition;
    IF parent IS NOT NULL THEN
        result := result || pg_catalog.jsonb_build_object('parent', pg2polar.full_definition(parent));
    END IF;
    RETURN result;
END
$full$;

CREATE OR REPLACE FUNCTION pg2polar.record_table(rel oid, tag text, kind text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $record$
DECLARE
    current jsonb := pg2polar.full_definition(rel);
    previous pg2polar.table_state%ROWTYPE;
BEGIN
    IF current IS NULL THEN
        RETURN;
    END IF;
    SELECT * INTO previous FROM pg2polar.table_state WHERE table_oid = rel;
    INSERT INTO pg2polar.ddl_log (command_tag, object_type, table_oid, schema_name, table_name, previous_schema, previous_table,
                                  definition, previous_definition, statement)
    VALUES (tag, kind, rel, current ->> 'schema', current ->> 'name', previous.schema_name, previous.table_name,
            current, previous.definition, pg_catalog.current_query());
    INSERT INTO pg2polar.table_state VALUES (rel, current ->> 'schema', current ->> 'name', current)
    ON CONFLICT (table_oid) DO UPDATE SET schema_name = EXCLUDED.schema_name, table_name = EXCLUDED.table_name,
                                          definition = EXCLUDED.definition;
END
$record$;

CREATE OR REPLACE FUNCTION pg2polar.capture_ddl() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $capture$
DECLARE
    command record;
    rel oid;
    done oid[] := '{}';
BEGIN
    -- DTS's rule: DDL from replication sessions (session_replication_role = replica) is not replicated
    IF pg_catalog.current_setting('session_replication_role') = 'replica' THEN
        RETURN;
    END IF;
    FOR command IN SELECT * FROM pg_catalog.pg_event_trigger_ddl_commands() LOOP
        IF command.schema_name IS NULL OR command.schema_name IN ('pg_catalog', 'information_schema', 'pg2polar')
           OR command.schema_name LIKE 'pg\_%' OR command.in_extension THEN
            CONTINUE;
        END IF;
        rel := CASE
            WHEN command.object_type IN ('table', 'table column', 'table constraint') THEN command.objid
            WHEN command.object_type = 'index' THEN (SELECT indrelid FROM pg_catalog.pg_index WHERE indexrelid = command.objid)
            WHEN command.object_type = 'sequence' THEN (
                SELECT d.refobjid FROM pg_catalog.pg_depend d
                WHERE d.objid = command.objid AND d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                  AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype IN ('a', 'i') LIMIT 1)
        END;
        IF rel IS NULL OR rel = ANY (done)
           OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE oid = rel AND relkind IN ('r', 'p') AND relpersistence = 'p') THEN
            CONTINUE;
        END IF;
        done := done || rel;
        -- new or renamed tables without a key: logical decoding needs the whole old row to replicate their updates
        IF command.command_tag IN ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO', 'ALTER TABLE')
           AND (SELECT relreplident FROM pg_catalog.pg_class WHERE oid = rel) = 'd'
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indrelid = rel AND indisprimary) THEN
            EXECUTE pg_catalog.format('ALTER TABLE %s REPLICA IDENTITY FULL', rel::pg_catalog.regclass);
        END IF;
        PERFORM pg2polar.record_table(rel, command.command_tag, command.object_type);
    END LOOP;
END
$capture$;

CREATE OR REPLACE FUNCTION pg2polar.capture_drop() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $drop$
DECLARE
    dropped record;
    previous pg2polar.table_state%ROWTYPE;
    owner bigint;
BEGIN
    IF pg_catalog.current_setting('session_replication_role') = 'replica' THEN
        RETURN;
    END IF;
    FOR dropped IN SELECT * FROM pg_catalog.pg_event_trigger_dropped_objects()
                   WHERE object_type IN ('table', 'index') AND original AND NOT is_temporary
                     AND schema_name NOT IN ('pg_catalog', 'information_schema', 'pg2polar') LOOP
        IF dropped.object_type = 'index' THEN
            -- the index is gone from the catalog: find its table in the definitions pg2polar kept
            SELECT s.table_oid INTO owner FROM pg2polar.table_state s
            WHERE s.schema_name = dropped.schema_name
              AND s.definition -> 'indexes' @> pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('name', dropped.object_name));
            IF owner IS NOT NULL AND EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE oid = owner) THEN
                PERFORM pg2polar.record_table(owner::oid, TG_TAG, 'index');
            END IF;
            CONTINUE;
        END IF;
        SELECT * INTO previous FROM pg2polar.table_state WHERE table_oid = dropped.objid;
        INSERT INTO pg2polar.ddl_log (command_tag, object_type, table_oid, schema_name, table_name, previous_schema, previous_table,
                                      definition, previous_definition, statement)
        VALUES (TG_TAG, 'table', dropped.objid, dropped.schema_name, dropped.object_name, dropped.schema_name,
                dropped.object_name, NULL, previous.definition, pg_catalog.current_query());
        DELETE FROM pg2polar.table_state WHERE table_oid = dropped.objid;
    END LOOP;
END
$drop$;

CREATE OR REPLACE FUNCTION pg2polar.uninstall() RETURNS void
LANGUAGE plpgsql AS $uninstall$
BEGIN
    DROP EVENT TRIGGER IF EXISTS pg2polar_capture_ddl;
    DROP EVENT TRIGGER IF EXISTS pg2polar_capture_drop;
    DROP SCHEMA IF EXISTS pg2polar CASCADE;
END
$uninstall$;
COMMENT ON FUNCTION pg2polar.uninstall() IS 'Removes pg2polar''s DDL capture from this database: event triggers, functions, log tables';

DO $install$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_event_trigger WHERE evtname = 'pg2polar_capture_ddl') THEN
        CREATE EVENT TRIGGER pg2polar_capture_ddl ON ddl_command_end EXECUTE FUNCTION pg2polar.capture_ddl();
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_event_trigger WHERE evtname = 'pg2polar_capture_drop') THEN
        CREATE EVENT TRIGGER pg2polar_capture_drop ON sql_drop EXECUTE FUNCTION pg2polar.capture_drop();
    END IF;
END
$install$;
