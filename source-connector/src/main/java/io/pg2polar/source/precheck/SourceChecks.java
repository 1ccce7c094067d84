package io.pg2polar.source.precheck;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.debezium.relational.TableId;

import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.precheck.PrecheckItem;
import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.source.MigrationType;
import io.pg2polar.source.Pg2PolarSourceConfig;

import static io.pg2polar.common.precheck.PrecheckItem.Side.SOURCE;

/** The individual source precheck items, each one query against the live source. */
final class SourceChecks {

    private final Connection connection;
    private final PgEndpoint endpoint;
    private final MigrationType migrationType;
    private final List<TableId> tables;
    private final String slot;

    SourceChecks(
            Connection connection,
            PgEndpoint endpoint,
            MigrationType migrationType,
            List<TableId> tables,
            String slot) {
        this.connection = connection;
        this.endpoint = endpoint;
        this.migrationType = migrationType;
        this.tables = tables;
        this.slot = slot;
    }

    PrecheckItem version() throws SQLException {
        int major = connection.getMetaData().getDatabaseMajorVersion();
        String version = SourcePrecheck.queryString(connection, "SHOW server_version");
        if (major < 10) {
            return PrecheckItem.fail(
                    "source.version",
                    SOURCE,
                    SourcePrecheck.HOST_FIELD,
                    "PostgreSQL version",
                    "The source runs PostgreSQL " + version + ".",
                    "pg2polar needs PostgreSQL 10 or later (pgoutput logical decoding); upgrade the source first.");
        }
        return PrecheckItem.pass(
                "source.version", SOURCE, SourcePrecheck.HOST_FIELD, "PostgreSQL version", "PostgreSQL " + version);
    }

    PrecheckItem catalogUsage() throws SQLException {
        if (queryBoolean("SELECT has_schema_privilege('pg_catalog', 'USAGE')")) {
            return PrecheckItem.pass(
                    "source.catalog_usage",
                    SOURCE,
                    SourcePrecheck.USER_FIELD,
                    "USAGE on pg_catalog (schema migration)",
                    "granted");
        }
        return PrecheckItem.fail(
                "source.catalog_usage",
                SOURCE,
                SourcePrecheck.USER_FIELD,
                "USAGE on pg_catalog (schema migration)",
                "Source user '" + endpoint.user() + "' may not read the catalog.",
                "GRANT USAGE ON SCHEMA pg_catalog TO " + endpoint.user() + ".");
    }

    PrecheckItem selectPrivilege(int listed) throws SQLException {
        List<String> denied = new ArrayList<>();
        for (TableId table : tables) {
            if (!queryBoolean("SELECT has_table_privilege(?::regclass, 'SELECT')", quoted(table))) {
                denied.add(quoted(table));
            }
        }
        if (denied.isEmpty()) {
            return PrecheckItem.pass(
                    "source.select_privilege",
                    SOURCE,
                    SourcePrecheck.USER_FIELD,
                    "SELECT on the selected tables (full load)",
                    "granted on all " + tables.size() + " tables");
        }
        return PrecheckItem.fail(
                "source.select_privilege",
                SOURCE,
                SourcePrecheck.USER_FIELD,
                "SELECT on the selected tables (full load)",
                "Source user '" + endpoint.user() + "' may not read " + denied.size() + " selected tables: "
                        + list(denied, listed) + ".",
                "GRANT SELECT ON " + list(denied, listed) + " TO " + endpoint.user()
                        + ", or leave the tables out with table.exclude.list.");
    }

    /**
     * The sequences of the selected tables' schemas, which sequence resync reads: without SELECT (or USAGE) on one,
     * {@code pg_sequences} shows its value as NULL and the target's sequence stays behind, so inserts after cutover
     * collide with migrated keys.
     */
    PrecheckItem sequencePrivilege(int listed) throws SQLException {
        List<String> denied = new ArrayList<>();
        // CASE: has_sequence_privilege raises an error on any other relation, and the planner may call it before a
        // plain filter
        for (String schema :
                tables.stream().map(TableId::schema).distinct().sorted().toList()) {
            denied.addAll(SourcePrecheck.queryList(
                    connection, """
                    SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = ? AND CASE WHEN c.relkind = 'S' THEN NOT has_sequence_privilege(c.oid, 'SELECT, USAGE') END
                    ORDER BY c.relname""", Map.of(1, schema), rs -> Identifiers.qualify(rs.getString(1), rs.getString(2))));
        }
        String title = "SELECT on the sequences of the selected schemas (sequence resync)";
        if (denied.isEmpty()) {
            return PrecheckItem.pass("source.sequence_privilege", SOURCE, SourcePrecheck.USER_FIELD, title, "granted");
        }
        return PrecheckItem.fail(
                "source.sequence_privilege",
                SOURCE,
                SourcePrecheck.USER_FIELD,
                title,
                "Source user '" + endpoint.user()
                        + "' may not read " + denied.size() + " sequences: " + list(denied, listed)
                        + ", so the target's would stay behind and"
                        + " inserts after cutover collide with migrated keys.",
                "GRANT SELECT ON SEQUENCE " + list(denied, listed) + " TO " + endpoint.user()
                        + " (or GRANT SELECT ON ALL SEQUENCES IN SCHEMA ... TO " + endpoint.user() + ").");
    }

    PrecheckItem walLevel() throws SQLException {
        String walLevel = SourcePrecheck.queryString(connection, "SHOW wal_level");
        if ("logical".equals(walLevel)) {
            return PrecheckItem.pass(
                    "source.wal_level", SOURCE, SourcePrecheck.HOST_FIELD, "wal_level = logical", "logical");
        }
        return PrecheckItem.fail(
                "source.wal_level",
                SOURCE,
                SourcePrecheck.HOST_FIELD,
                "wal_level = logical",
                "The source server at " + endpoint.host() + ':'
                        + endpoint.port() + " has wal_level = '" + walLevel + "', but migration.type '"
                        + migrationType.value()
                        + "' reads changes through logical decoding.",
                "Set wal_level = logical in postgresql.conf (ALTER SYSTEM SET wal_level = logical)"
                        + " and restart PostgreSQL, or use migration.type = full with writes stopped.");
    }

    PrecheckItem replicationPrivilege() throws SQLException {
        if (queryBoolean("SELECT rolsuper OR rolreplication FROM pg_roles WHERE rolname = current_user")) {
            return PrecheckItem.pass(
                    "source.replication_privilege",
                    SOURCE,
                    SourcePrecheck.USER_FIELD,
                    "REPLICATION privilege (incremental)",
                    "granted");
        }
        return PrecheckItem.fail(
                "source.replication_privilege",
                SOURCE,
                SourcePrecheck.USER_FIELD,
                "REPLICATION privilege (incremental)",
                "Source user '" + endpoint.user() + "' may not create a replication slot.",
                "Run ALTER ROLE " + endpoint.user() + " REPLICATION (or use a superuser) for migration.type '"
                        + migrationType.value() + "'.");
    }

    PrecheckItem ddlCapturePrivilege() throws SQLException {
        if ("on".equals(SourcePrecheck.queryString(connection, "SHOW is_superuser"))) {
            return PrecheckItem.pass(
                    "source.ddl_capture_privilege",
                    SOURCE,
                    Pg2PolarSourceConfig.DDL_CAPTURE,
                    "Superuser for DDL capture",
                    "superuser");
        }
        return PrecheckItem.fail(
                "source.ddl_capture_privilege",
                SOURCE,
                Pg2PolarSourceConfig.DDL_CAPTURE,
                "Superuser for DDL capture",
                "DDL replication installs event triggers on the source, which only a superuser may create, and source user '"
                        + endpoint.user() + "' is none.",
                "Use a superuser (on managed PostgreSQL, the privileged account), or set ddl.capture = false and apply"
                        + " DDL to the target yourself.");
    }

    PrecheckItem replicationSlots() throws SQLException {
        boolean ours = queryBoolean("SELECT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ?)", slot);
        int free = Integer.parseInt(SourcePrecheck.queryString(
                connection,
                "SELECT current_setting('max_replication_slots')::int - (SELECT count(*) FROM pg_replication_slots)"));
        if (ours || free > 0) {
            return PrecheckItem.pass(
                    "source.replication_slots",
                    SOURCE,
                    "slot.name",
                    "A free replication slot",
                    ours ? "slot " + slot + " exists and is reused" : free + " of max_replication_slots free");
        }
        return PrecheckItem.fail(
                "source.replication_slots",
                SOURCE,
                "slot.name",
                "A free replication slot",
                "All max_replication_slots are taken.",
                "Drop an unused slot (SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active) or raise"
                        + " max_replication_slots and restart the source.");
    }

    PrecheckItem walSenders() throws SQLException {
        int free = Integer.parseInt(SourcePrecheck.queryString(
                connection,
                "SELECT current_setting('max_wal_senders')::int - (SELECT count(*) FROM pg_stat_replication)"));
        if (free > 0) {
            return PrecheckItem.pass(
                    "source.wal_senders",
                    SOURCE,
                    SourcePrecheck.HOST_FIELD,
                    "A free WAL sender",
                    free + " of max_wal_senders free");
        }
        return PrecheckItem.fail(
                "source.wal_senders",
                SOURCE,
                SourcePrecheck.HOST_FIELD,
                "A free WAL sender",
                "All max_wal_senders are busy.",
                "Raise max_wal_senders on the source and restart it, or stop another replication client.");
    }

    /** Tables whose UPDATEs and DELETEs logical decoding cannot identify: no primary key and REPLICA IDENTITY DEFAULT, or NOTHING. */
    PrecheckItem replicaIdentity(boolean autoset, int listed) throws SQLException {
        List<String> statements = replicaIdentityStatements(connection, tables);
        String title = "Replica identity for every streamed table";
        if (statements.isEmpty()) {
            return PrecheckItem.pass(
                    "source.replica_identity",
                    SOURCE,
                    Pg2PolarSourceConfig.REPLICA_IDENTITY_AUTOSET,
                    title,
                    "every selected table has a primary key or a replica identity");
        }
        String detail = statements.size()
                + " selected tables have neither a primary key nor a replica identity, so their UPDATEs and"
                + " DELETEs cannot be replicated (and fail on the source once published): " + list(statements, listed)
                + ".";
        if (autoset) {
            return PrecheckItem.warn(
                    "source.replica_identity",
                    SOURCE,
                    Pg2PolarSourceConfig.REPLICA_IDENTITY_AUTOSET,
                    title,
                    detail,
                    "replica.identity.autoset = true: the connector runs these statements when it starts.");
        }
        return PrecheckItem.fail(
                "source.replica_identity",
                SOURCE,
                Pg2PolarSourceConfig.REPLICA_IDENTITY_AUTOSET,
                title,
                detail,
                "Run the statements on the source, or set replica.identity.autoset = true to let the connector run them when it starts.");
    }

    /**
     * The statements that give each table without a usable replica identity one: USING INDEX of a unique index on
     * NOT NULL columns where there is one (DTS's "NOT NULL unique constraint"), else FULL.
     */
    static List<String> replicaIdentityStatements(Connection connection, List<TableId> tables) throws SQLException {
        List<String> statements = new ArrayList<>();
        for (TableId table : tables) {
            List<String> fix =
                    SourcePrecheck.queryList(connection, """
                    WITH c AS (SELECT oid, relreplident, relkind FROM pg_class WHERE oid = ?::regclass),
                         candidate AS (SELECT ic.relname AS name FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid, c
                                       WHERE i.indrelid = c.oid AND i.indisunique
                                         AND i.indimmediate AND i.indpred IS NULL AND i.indexprs IS NULL
                                         AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum = ANY (i.indkey)
                                                         AND NOT a.attnotnull) LIMIT 1)
                    SELECT COALESCE((SELECT name FROM candidate), '') FROM c
                    WHERE c.relkind = 'r' AND (c.relreplident = 'n' OR c.relreplident = 'd'
                          AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary))""", Map.of(1, quoted(table)), rs -> rs.getString(1));
            if (!fix.isEmpty()) {
                // USING INDEX takes the index's bare name (it lives in the table's schema), quoted like every name
                statements.add("ALTER TABLE " + quoted(table) + " REPLICA IDENTITY "
                        + (fix.get(0).isEmpty() ? "FULL" : "USING INDEX " + Identifiers.quote(fix.get(0))));
            }
        }
        return statements;
    }

    PrecheckItem walRetention() throws SQLException {
        int major = connection.getMetaData().getDatabaseMajorVersion();
        String keep = major >= 13 ? SourcePrecheck.queryString(connection, "SHOW max_slot_wal_keep_size") : "-1";
        // wal_keep_size replaced wal_keep_segments in PostgreSQL 13; it keeps WAL for standbys, not for slots
        String walKeep = major >= 13
                ? "wal_keep_size = " + SourcePrecheck.queryString(connection, "SHOW wal_keep_size")
                : "wal_keep_segments = " + SourcePrecheck.queryString(connection, "SHOW wal_keep_segments");
        String title = "WAL retention for the slot";
        if ("-1".equals(keep)) {
            return PrecheckItem.pass(
                    "source.wal_retention",
                    SOURCE,
                    SourcePrecheck.HOST_FIELD,
                    title,
                    "max_slot_wal_keep_size = -1 (" + walKeep
                            + "): the slot keeps WAL until it is read, however long the full load takes (watch the source's disk)");
        }
        return PrecheckItem.warn(
                "source.wal_retention",
                SOURCE,
                SourcePrecheck.HOST_FIELD,
                title,
                "max_slot_wal_keep_size = " + keep + " (" + walKeep + ")"
                        + ": PostgreSQL invalidates the slot when more WAL than that accumulates behind it, e.g. during a long full load or"
                        + " while the connector is paused, and the migration must then start over.",
                "Make sure the WAL written during the full load fits, or set max_slot_wal_keep_size = -1 for the migration.");
    }

    PrecheckItem longTransactions(Duration threshold) throws SQLException {
        List<String> open = SourcePrecheck.queryList(
                connection, """
                SELECT 'pid ' || pid || ' (' || usename || ', open for ' || date_trunc('second', now() - xact_start)::text || ', '
                       || COALESCE(state, '?') || ', query started ' || COALESCE(date_trunc('second', query_start)::text, '?') || ')'
                FROM pg_stat_activity WHERE xact_start < now() - make_interval(secs => ?) AND pid <> pg_backend_pid()
                  AND backend_type = 'client backend' ORDER BY xact_start""", Map.of(1, (double) threshold.toSeconds()), rs -> rs.getString(1));
        String title = "No long-running transactions";
        if (open.isEmpty()) {
            return PrecheckItem.pass(
                    "source.long_transactions",
                    SOURCE,
                    SourcePrecheck.HOST_FIELD,
                    title,
                    "no transaction open longer than " + threshold.toSeconds() + " s");
        }
        return PrecheckItem.warn(
                "source.long_transactions",
                SOURCE,
                SourcePrecheck.HOST_FIELD,
                title,
                open.size() + " transactions are open longer than "
                        + threshold.toSeconds() + " s: " + String.join(", ", open)
                        + ". Creating the replication slot waits until they end,"
                        + " and they hold back WAL and vacuum.",
                "End them (SELECT pg_terminate_backend(pid)) or wait before starting the migration.");
    }

    PrecheckItem dataSize() throws SQLException {
        long bytes = totalBytes(connection, tables);
        return PrecheckItem.pass(
                "source.data_size",
                SOURCE,
                "table.include.list",
                "Size of the selected data",
                tables.size() + " tables, "
                        + SourcePrecheck.queryString(connection, "SELECT pg_size_pretty(" + bytes + "::bigint)")
                        + " with indexes and TOAST;"
                        + " the target needs at least as much free space");
    }

    /** The sum of {@code pg_total_relation_size}: rows, indexes and TOAST. */
    static long totalBytes(Connection connection, List<TableId> tables) throws SQLException {
        long bytes = 0;
        for (TableId table : tables) {
            bytes += SourcePrecheck.queryList(
                            connection,
                            "SELECT pg_total_relation_size(?::regclass)",
                            Map.of(1, quoted(table)),
                            rs -> rs.getLong(1))
                    .get(0);
        }
        return bytes;
    }

    private boolean queryBoolean(String sql, String param) throws SQLException {
        return Boolean.TRUE.equals(
                SourcePrecheck.queryList(connection, sql, Map.of(1, param), rs -> rs.getBoolean(1)).stream()
                        .findFirst()
                        .orElse(false));
    }

    private boolean queryBoolean(String sql) throws SQLException {
        return Boolean.TRUE.equals(SourcePrecheck.queryList(connection, sql, Map.of(), rs -> rs.getBoolean(1)).stream()
                .findFirst()
                .orElse(false));
    }

    private static String quoted(TableId table) {
        return io.pg2polar.common.sql.Identifiers.qualify(table.schema(), table.table());
    }

    static String list(List<String> names, int listed) {
        return names.size() <= listed
                ? String.join(", ", names)
                : String.join(", ", names.subList(0, listed)) + " and " + (names.size() - listed) + " more";
    }
}
