package io.pg2polar.common.sink;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@code pg2polar} schema on the target: the offsets the sink applied (exactly-once effect), the
 * foreign keys and triggers it holds back when it may not suspend them per session, and its progress. Created once, idempotently;
 * concurrent tasks serialise on an advisory lock. The sink writes these tables; what others read of them is read by
 * the classes next to this one ({@link TableProgressReader}, {@link ConnectorProgress}, {@link AppliedOffsetsReader}).
 */
public final class TargetStateSchema {

    public static final String SCHEMA = "pg2polar";
    /** Arbitrary, fixed: serialises installs by several sink tasks at once. */
    private static final long INSTALL_LOCK = 0x7067_3270_6f6c_6172L;

    private static final String DDL = """
            CREATE SCHEMA IF NOT EXISTS pg2polar;
            CREATE TABLE IF NOT EXISTS pg2polar.applied_offsets (
                connector text NOT NULL,
                topic text NOT NULL,
                kafka_partition integer NOT NULL,
                next_offset bigint NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (connector, topic, kafka_partition));
            COMMENT ON TABLE pg2polar.applied_offsets IS
                'Next Kafka offset to apply per sink connector and topic partition, written in the same transaction as the rows';
            CREATE TABLE IF NOT EXISTS pg2polar.snapshot_attempts (
                connector text NOT NULL,
                table_schema text NOT NULL,
                table_name text NOT NULL,
                snapshot_position bigint NOT NULL,
                started_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (connector, table_schema, table_name));
            ALTER TABLE pg2polar.snapshot_attempts ADD COLUMN IF NOT EXISTS loading boolean NOT NULL DEFAULT false;
            ALTER TABLE pg2polar.snapshot_attempts ADD COLUMN IF NOT EXISTS replacing boolean NOT NULL DEFAULT false;
            COMMENT ON TABLE pg2polar.snapshot_attempts IS
                'WAL position of the snapshot (or chunked load) each table holds rows from, and whether its chunked load is under way; rows of a newer snapshot replace its content';
            CREATE TABLE IF NOT EXISTS pg2polar.held_foreign_keys (
                table_schema text NOT NULL,
                table_name text NOT NULL,
                constraint_name text NOT NULL,
                definition text NOT NULL,
                was_valid boolean NOT NULL,
                held_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (table_schema, table_name, constraint_name));
            COMMENT ON TABLE pg2polar.held_foreign_keys IS
                'Foreign keys dropped while the sink applies rows in any order; SELECT pg2polar.restore_foreign_keys() re-creates them';
            CREATE TABLE IF NOT EXISTS pg2polar.pending_foreign_keys (
                table_schema text NOT NULL,
                table_name text NOT NULL,
                constraint_name text NOT NULL,
                definition text NOT NULL,
                was_valid boolean NOT NULL,
                referenced_schema text NOT NULL,
                referenced_table text NOT NULL,
                PRIMARY KEY (table_schema, table_name, constraint_name));
            COMMENT ON TABLE pg2polar.pending_foreign_keys IS
                'Foreign keys of migrated tables waiting for the table they reference to be created on the target';
            CREATE TABLE IF NOT EXISTS pg2polar.unvalidated_foreign_keys (
                table_schema text NOT NULL,
                table_name text NOT NULL,
                constraint_name text NOT NULL,
                PRIMARY KEY (table_schema, table_name, constraint_name));
            COMMENT ON TABLE pg2polar.unvalidated_foreign_keys IS
                'Foreign keys schema migration created NOT VALID; SELECT pg2polar.restore_foreign_keys() validates them';
            CREATE TABLE IF NOT EXISTS pg2polar.table_renames (
                old_schema text NOT NULL,
                old_table text NOT NULL,
                new_schema text NOT NULL,
                new_table text NOT NULL,
                renamed_at timestamptz NOT NULL DEFAULT now(),
                source_lsn bigint,
                PRIMARY KEY (old_schema, old_table));
            ALTER TABLE pg2polar.table_renames ADD COLUMN IF NOT EXISTS source_lsn bigint;
            COMMENT ON TABLE pg2polar.table_renames IS
                'Tables renamed by replicated DDL: rows still arriving under the old name are applied to the renamed table, definitions older than the rename (source_lsn) are skipped';
            CREATE TABLE IF NOT EXISTS pg2polar.held_triggers (
                table_schema text NOT NULL,
                table_name text NOT NULL,
                trigger_name text NOT NULL,
                held_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (table_schema, table_name, trigger_name));
            CREATE TABLE IF NOT EXISTS pg2polar.table_progress (
                connector text NOT NULL,
                table_schema text NOT NULL,
                table_name text NOT NULL,
                snapshot_rows bigint NOT NULL DEFAULT 0,
                snapshot_done boolean NOT NULL DEFAULT false,
                inserts bigint NOT NULL DEFAULT 0,
                updates bigint NOT NULL DEFAULT 0,
                deletes bigint NOT NULL DEFAULT 0,
                truncates bigint NOT NULL DEFAULT 0,
                ddl bigint NOT NULL DEFAULT 0,
                rejected bigint NOT NULL DEFAULT 0,
                last_source_ms bigint,
                last_latency_ms bigint,
                last_applied_at timestamptz,
                PRIMARY KEY (connector, table_schema, table_name));
            ALTER TABLE pg2polar.table_progress ADD COLUMN IF NOT EXISTS loading boolean NOT NULL DEFAULT false;
            ALTER TABLE pg2polar.table_progress ADD COLUMN IF NOT EXISTS chunks_done bigint NOT NULL DEFAULT 0;
            ALTER TABLE pg2polar.table_progress ADD COLUMN IF NOT EXISTS chunks_total bigint NOT NULL DEFAULT 0;
            COMMENT ON TABLE pg2polar.table_progress IS
                'What each sink connector applied per table, written in the same transaction as the rows: snapshot rows, changes by kind, DDL, rejected records, and the latency (source commit to target commit) of the newest change';
            CREATE TABLE IF NOT EXISTS pg2polar.connector_progress (
                connector text PRIMARY KEY,
                heartbeat_slot text,
                heartbeat_at_ms bigint,
                heartbeat_applied_at timestamptz,
                snapshot_completed_at timestamptz);
            COMMENT ON TABLE pg2polar.connector_progress IS
                'Per sink connector: the newest source heartbeat applied (source clock, ms since the epoch) and when the source snapshot''s last row was applied';
            CREATE TABLE IF NOT EXISTS pg2polar.lag_history (
                connector text NOT NULL,
                applied_at timestamptz NOT NULL,
                heartbeat_at_ms bigint NOT NULL,
                PRIMARY KEY (connector, applied_at));
            COMMENT ON TABLE pg2polar.lag_history IS
                'Per sink connector, each source heartbeat applied in about the last hour (source clock, ms since the epoch) and when, written in the transaction that applied it: the lag over time';
            CREATE TABLE IF NOT EXISTS pg2polar.deferred_indexes (
                table_schema text NOT NULL,
                table_name text NOT NULL,
                position integer NOT NULL,
                index_name text NOT NULL,
                restore_statement text NOT NULL,
                deferred_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (table_schema, table_name, position));
            COMMENT ON TABLE pg2polar.deferred_indexes IS
                'Indexes dropped while a table receives its full load, re-created after its last rows; SELECT pg2polar.restore_deferred_indexes() re-creates them by hand';
            CREATE OR REPLACE FUNCTION pg2polar.restore_deferred_indexes() RETURNS integer
            LANGUAGE plpgsql AS $fn$
            DECLARE
                kept record;
                restored integer := 0;
            BEGIN
                FOR kept IN SELECT * FROM pg2polar.deferred_indexes ORDER BY table_schema, table_name, position LOOP
                    EXECUTE kept.restore_statement;
                    DELETE FROM pg2polar.deferred_indexes
                    WHERE table_schema = kept.table_schema AND table_name = kept.table_name AND position = kept.position;
                    restored := restored + 1;
                END LOOP;
                RETURN restored;
            END
            $fn$;
            COMMENT ON FUNCTION pg2polar.restore_deferred_indexes() IS
                'Re-creates the indexes a full load dropped and did not finish (the sink re-creates them itself after a table''s last rows); returns how many';
            CREATE OR REPLACE FUNCTION pg2polar.restore_foreign_keys() RETURNS integer
            LANGUAGE plpgsql AS $fn$
            DECLARE
                held record;
                restored integer := 0;
            BEGIN
                FOR held IN SELECT * FROM pg2polar.held_foreign_keys ORDER BY held_at, table_schema, table_name, constraint_name LOOP
                    -- NOT VALID first: a short lock; VALIDATE then scans without blocking writes
                    EXECUTE format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s NOT VALID',
                                   held.table_schema, held.table_name, held.constraint_name, held.definition);
                    IF held.was_valid THEN
                        EXECUTE format('ALTER TABLE %I.%I VALIDATE CONSTRAINT %I',
                                       held.table_schema, held.table_name, held.constraint_name);
                    END IF;
                    DELETE FROM pg2polar.held_foreign_keys
                    WHERE table_schema = held.table_schema AND table_name = held.table_name AND constraint_name = held.constraint_name;
                    restored := restored + 1;
                END LOOP;
                FOR held IN SELECT * FROM pg2polar.unvalidated_foreign_keys ORDER BY table_schema, table_name, constraint_name LOOP
                    EXECUTE format('ALTER TABLE %I.%I VALIDATE CONSTRAINT %I', held.table_schema, held.table_name, held.constraint_name);
                    DELETE FROM pg2polar.unvalidated_foreign_keys
                    WHERE table_schema = held.table_schema AND table_name = held.table_name AND constraint_name = held.constraint_name;
                END LOOP;
                FOR held IN SELECT * FROM pg2polar.held_triggers LOOP
                    EXECUTE format('ALTER TABLE %I.%I ENABLE TRIGGER %I', held.table_schema, held.table_name, held.trigger_name);
                    DELETE FROM pg2polar.held_triggers
                    WHERE table_schema = held.table_schema AND table_name = held.table_name AND trigger_name = held.trigger_name;
                END LOOP;
                RETURN restored;
            END
            $fn$;
            COMMENT ON FUNCTION pg2polar.restore_foreign_keys() IS
                'Call at cutover, after the sink has applied everything: re-creates held-back foreign keys (NOT VALID, then VALIDATE), validates those schema migration created NOT VALID, re-enables triggers; returns how many keys it re-created';
            """;

    private TargetStateSchema() {}

    /** Creates what is missing and commits; the connection must not be in auto-commit mode. */
    public static void install(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + INSTALL_LOCK + ")");
            statement.execute(DDL);
        }
        connection.commit();
    }

    /**
     * Runs {@code pg2polar.restore_foreign_keys()}: re-creates held-back foreign keys, validates those created NOT
     * VALID and re-enables held-back triggers.
     *
     * @return how many foreign keys it re-created; -1 when the target has no pg2polar state
     */
    public static int restoreForeignKeys(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT CASE WHEN to_regproc('pg2polar.restore_foreign_keys') IS NULL THEN -1"
                                + " ELSE pg2polar.restore_foreign_keys() END")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
