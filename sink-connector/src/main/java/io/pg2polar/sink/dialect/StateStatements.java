package io.pg2polar.sink.dialect;

/**
 * Every statement the sink sends to its own state tables in schema {@code pg2polar} (created by
 * {@code TargetStateSchema}): applied offsets, snapshot attempts, progress and lag, table renames, pending, held and
 * unvalidated foreign keys, held triggers and deferred indexes; values are bind parameters.
 */
public class StateStatements {

    /** The statements as PostgreSQL and PolarDB-O both accept them. */
    public static final StateStatements POSTGRESQL = new StateStatements();

    private static final String LOAD_OFFSET =
            "SELECT next_offset FROM pg2polar.applied_offsets WHERE connector = ? AND topic = ? AND kafka_partition = ?";
    private static final String SAVE_OFFSET = """
            INSERT INTO pg2polar.applied_offsets (connector, topic, kafka_partition, next_offset, applied_at)
            VALUES (?, ?, ?, ?, now())
            ON CONFLICT (connector, topic, kafka_partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, applied_at = now()""";
    private static final String LOAD_SNAPSHOT = """
            SELECT snapshot_position FROM pg2polar.snapshot_attempts WHERE connector = ? AND table_schema = ? AND table_name = ?""";
    private static final String SAVE_SNAPSHOT = """
            INSERT INTO pg2polar.snapshot_attempts (connector, table_schema, table_name, snapshot_position) VALUES (?, ?, ?, ?)
            ON CONFLICT (connector, table_schema, table_name) DO UPDATE SET snapshot_position = EXCLUDED.snapshot_position, started_at = now()""";
    private static final String SNAPSHOT_STATE = """
            SELECT loading, replacing FROM pg2polar.snapshot_attempts WHERE connector = ? AND table_schema = ? AND table_name = ?""";
    private static final String SET_LOADING = """
            UPDATE pg2polar.snapshot_attempts SET loading = ? WHERE connector = ? AND table_schema = ? AND table_name = ?""";
    private static final String SET_REPLACING = """
            UPDATE pg2polar.snapshot_attempts SET replacing = ? WHERE connector = ? AND table_schema = ? AND table_name = ?""";
    private static final String SAVE_TABLE = """
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
                last_applied_at = EXCLUDED.last_applied_at""";
    private static final String SAVE_CONNECTOR = """
            INSERT INTO pg2polar.connector_progress AS c (connector, heartbeat_slot, heartbeat_at_ms, heartbeat_applied_at, snapshot_completed_at)
            VALUES (?, ?, ?, CASE WHEN CAST(? AS boolean) THEN clock_timestamp() END, CASE WHEN CAST(? AS boolean) THEN clock_timestamp() END)
            ON CONFLICT (connector) DO UPDATE SET
                heartbeat_slot = COALESCE(EXCLUDED.heartbeat_slot, c.heartbeat_slot),
                heartbeat_at_ms = GREATEST(c.heartbeat_at_ms, EXCLUDED.heartbeat_at_ms),
                heartbeat_applied_at = COALESCE(EXCLUDED.heartbeat_applied_at, c.heartbeat_applied_at),
                snapshot_completed_at = COALESCE(c.snapshot_completed_at, EXCLUDED.snapshot_completed_at)""";
    /** A point of the lag chart per applied heartbeat, pruned as new ones come. */
    private static final String SAVE_LAG = """
            INSERT INTO pg2polar.lag_history (connector, applied_at, heartbeat_at_ms) VALUES (?, clock_timestamp(), ?)
            ON CONFLICT (connector, applied_at) DO NOTHING""";

    private static final String PRUNE_LAG = """
            DELETE FROM pg2polar.lag_history WHERE connector = ? AND applied_at < clock_timestamp() - CAST(? AS interval)""";
    private static final String RECORD_RENAME = """
            INSERT INTO pg2polar.table_renames (old_schema, old_table, new_schema, new_table, source_lsn) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (old_schema, old_table) DO UPDATE SET new_schema = EXCLUDED.new_schema, new_table = EXCLUDED.new_table,
                renamed_at = now(), source_lsn = EXCLUDED.source_lsn
            WHERE EXCLUDED.source_lsn IS NULL OR pg2polar.table_renames.source_lsn IS NULL
               OR pg2polar.table_renames.source_lsn <= EXCLUDED.source_lsn""";
    private static final String RENAMED_LATER = """
            SELECT new_schema, new_table FROM pg2polar.table_renames WHERE old_schema = ? AND old_table = ? AND source_lsn > ?""";
    private static final String OLD_COPY_APPLIED = """
            SELECT 1 FROM pg2polar.table_renames
            WHERE old_schema = ? AND old_table = ? AND new_schema = ? AND new_table = ? AND source_lsn >= ?""";
    /** The table itself, else the table it was renamed to (following renames of renames). */
    private static final String RESOLVE_SQL = """
            WITH RECURSIVE renamed (schema_name, table_name, depth) AS (
                SELECT new_schema, new_table, 1 FROM pg2polar.table_renames WHERE old_schema = ? AND old_table = ?
              UNION ALL
                SELECT r.new_schema, r.new_table, n.depth + 1 FROM renamed n
                JOIN pg2polar.table_renames r ON r.old_schema = n.schema_name AND r.old_table = n.table_name WHERE n.depth < 20)
            SELECT coalesce(pg_catalog.to_regclass(?)::oid,
                            (SELECT pg_catalog.to_regclass(pg_catalog.quote_ident(schema_name) || '.' || pg_catalog.quote_ident(table_name))::oid
                             FROM renamed ORDER BY depth DESC LIMIT 1))""";

    private static final String RECORD_HELD = """
            INSERT INTO pg2polar.held_foreign_keys (table_schema, table_name, constraint_name, definition, was_valid)
            VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final String RECORD_PENDING = """
            INSERT INTO pg2polar.pending_foreign_keys (table_schema, table_name, constraint_name, definition, was_valid, referenced_schema,
                referenced_table) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final String PENDING_REFERENCING = """
            SELECT table_schema, table_name, constraint_name, definition, was_valid FROM pg2polar.pending_foreign_keys
            WHERE referenced_schema = ? AND referenced_table = ?""";
    private static final String FORGET_PENDING =
            "DELETE FROM pg2polar.pending_foreign_keys WHERE table_schema = ? AND table_name = ? AND constraint_name = ?";
    private static final String RECORD_UNVALIDATED = """
            INSERT INTO pg2polar.unvalidated_foreign_keys (table_schema, table_name, constraint_name) VALUES (?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final String RECORD_HELD_TRIGGER = """
            INSERT INTO pg2polar.held_triggers (table_schema, table_name, trigger_name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final String KEEP_DEFERRED_INDEX =
            "INSERT INTO pg2polar.deferred_indexes (table_schema, table_name, position, index_name, restore_statement) VALUES (?, ?, ?, ?, ?)";
    private static final String FORGET_DEFERRED_INDEXES =
            "DELETE FROM pg2polar.deferred_indexes WHERE table_schema = ? AND table_name = ?";
    private static final String DEFERRED_INDEXES =
            "SELECT restore_statement FROM pg2polar.deferred_indexes WHERE table_schema = ? AND table_name = ? ORDER BY position";

    /** The next offset to apply of one partition. */
    public String loadOffset() {
        return LOAD_OFFSET;
    }

    /** Stores the next offset to apply of one partition. */
    public String saveOffset() {
        return SAVE_OFFSET;
    }

    /** The snapshot a table holds rows of. */
    public String loadSnapshot() {
        return LOAD_SNAPSHOT;
    }

    /** Records the snapshot a table now receives rows of. */
    public String saveSnapshot() {
        return SAVE_SNAPSHOT;
    }

    /** Whether a table is loading in chunks and being replaced. */
    public String snapshotState() {
        return SNAPSHOT_STATE;
    }

    /** Sets whether a table is loading in chunks. */
    public String setLoading() {
        return SET_LOADING;
    }

    /** Sets whether a table is being replaced. */
    public String setReplacing() {
        return SET_REPLACING;
    }

    /** Adds a table's counts to its progress. */
    public String saveTableProgress() {
        return SAVE_TABLE;
    }

    /** Stores the connector's last heartbeat and snapshot end. */
    public String saveConnectorProgress() {
        return SAVE_CONNECTOR;
    }

    /** A point of the lag chart. */
    public String saveLag() {
        return SAVE_LAG;
    }

    /** Drops the lag chart's points older than the parameter. */
    public String pruneLag() {
        return PRUNE_LAG;
    }

    /** Records a table rename, unless a later one is known. */
    public String recordRename() {
        return RECORD_RENAME;
    }

    /** Where a table was renamed to by a rename later than the parameter. */
    public String renamedLater() {
        return RENAMED_LATER;
    }

    /** Whether the old name's copy of a rename was applied. */
    public String oldCopyApplied() {
        return OLD_COPY_APPLIED;
    }

    /** The oid of a table, else of the table it was renamed to. */
    public String resolveTable() {
        return RESOLVE_SQL;
    }

    /** Keeps a held-back foreign key. */
    public String recordHeldForeignKey() {
        return RECORD_HELD;
    }

    /** Keeps a foreign key whose referenced table is missing. */
    public String recordPendingForeignKey() {
        return RECORD_PENDING;
    }

    /** The pending foreign keys referencing a table. */
    public String pendingReferencing() {
        return PENDING_REFERENCING;
    }

    /** Forgets a pending foreign key once created. */
    public String forgetPending() {
        return FORGET_PENDING;
    }

    /** Lists a foreign key to validate at cutover. */
    public String recordUnvalidated() {
        return RECORD_UNVALIDATED;
    }

    /** Keeps a disabled user trigger. */
    public String recordHeldTrigger() {
        return RECORD_HELD_TRIGGER;
    }

    /** Keeps an index dropped for a full load. */
    public String keepDeferredIndex() {
        return KEEP_DEFERRED_INDEX;
    }

    /** Forgets a table's re-created indexes. */
    public String forgetDeferredIndexes() {
        return FORGET_DEFERRED_INDEXES;
    }

    /** The statements re-creating a table's deferred indexes, in order. */
    public String deferredIndexes() {
        return DEFERRED_INDEXES;
    }
}
