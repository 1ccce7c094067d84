package io.pg2polar.common.precheck;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.jdbc.ReplicaRoleProbe;
import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.common.sql.TableId;

import static io.pg2polar.common.precheck.PrecheckItem.Side.TARGET;

/** The individual target precheck items, each a query or two against the live target. */
final class TargetItems {

    private static final int LISTED = 20;

    private final Connection connection;
    private final PgEndpoint endpoint;

    /** @param connection in a transaction (auto-commit off), so probes can be undone */
    TargetItems(Connection connection, PgEndpoint endpoint) {
        this.connection = connection;
        this.endpoint = endpoint;
    }

    PrecheckItem version() throws SQLException {
        return PrecheckItem.pass(
                "target.version", TARGET, TargetChecks.HOST_FIELD, "Target version", string("SELECT version()"));
    }

    /** The sink creates schemas, tables, its own schema pg2polar and (for hold-back) alters tables: DTS asks for the owner. */
    PrecheckItem createPrivilege() throws SQLException {
        String title = "Database owner or CREATE on the database";
        String database = Identifiers.quote(endpoint.database());
        if (bool("SELECT pg_has_role(datdba, 'USAGE') FROM pg_database WHERE datname = current_database()")) {
            return PrecheckItem.pass(
                    "target.create_privilege",
                    TARGET,
                    TargetChecks.USER_FIELD,
                    title,
                    "'" + endpoint.user() + "' owns " + database);
        }
        if (bool("SELECT has_database_privilege(current_database(), 'CREATE')")) {
            return PrecheckItem.pass(
                    "target.create_privilege",
                    TARGET,
                    TargetChecks.USER_FIELD,
                    title,
                    "'" + endpoint.user() + "' may CREATE in " + database);
        }
        return PrecheckItem.fail(
                "target.create_privilege",
                TARGET,
                TargetChecks.USER_FIELD,
                title,
                "Target user '" + endpoint.user()
                        + "' neither owns database " + database
                        + " nor may CREATE in it, so the sink cannot create the migrated schemas or its own"
                        + " schema pg2polar.",
                "Run ALTER DATABASE " + database + " OWNER TO " + endpoint.user() + " (or GRANT CREATE ON DATABASE "
                        + database + " TO " + endpoint.user() + ") on the target.");
    }

    /** Which foreign-key suspension {@code apply.foreign.keys} will use, refusing replica-role where it cannot be set. */
    PrecheckItem foreignKeys(String mode) throws SQLException {
        String title = "Foreign-key suspension (apply.foreign.keys = " + mode + ")";
        String field = TargetChecks.FOREIGN_KEYS_FIELD;
        if ("hold-back".equals(mode)) {
            return PrecheckItem.pass(
                    "target.foreign_keys",
                    TARGET,
                    field,
                    title,
                    "hold-back: the target's foreign keys are dropped and user"
                            + " triggers disabled while rows arrive, and restored at cutover");
        }
        if (ReplicaRoleProbe.allowed(connection)) {
            return PrecheckItem.pass(
                    "target.foreign_keys",
                    TARGET,
                    field,
                    title,
                    "replica-role: '" + endpoint.user()
                            + "' may SET session_replication_role = replica, so checks and triggers are off in the apply sessions only");
        }
        String grant = "GRANT SET ON PARAMETER session_replication_role TO " + endpoint.user() + " (PostgreSQL 15+)";
        if ("replica-role".equals(mode)) {
            return PrecheckItem.fail(
                    "target.foreign_keys",
                    TARGET,
                    field,
                    title,
                    "Target user '" + endpoint.user()
                            + "' may not SET session_replication_role = replica, which suspends foreign-key checks and triggers while rows arrive"
                            + " in any order.",
                    "Grant it with " + grant + ", use a superuser, or set apply.foreign.keys = auto (foreign keys"
                            + " are then held back until cutover).");
        }
        return PrecheckItem.warn(
                "target.foreign_keys",
                TARGET,
                field,
                title,
                "'" + endpoint.user() + "' may not SET session_replication_role"
                        + " = replica, so the sink falls back to hold-back: the target's foreign keys are dropped and user triggers disabled"
                        + " until cutover restores them.",
                "Nothing to do for the migration; to keep the keys in place, " + grant + " or use a superuser.");
    }

    PrecheckItem conflictingTables(TargetCheckOptions options, List<TableId> selected) throws SQLException {
        String title = "No conflicting tables (conflict.mode = " + options.conflictMode() + ")";
        List<TableId> withRows = ConflictingTables.withRows(connection, options.connectorName(), selected);
        String scope =
                selected.isEmpty() ? "no table on the target" : "none of the " + selected.size() + " migrated tables";
        if (withRows.isEmpty()) {
            return PrecheckItem.pass(
                    "target.conflicting_tables",
                    TARGET,
                    TargetChecks.CONFLICT_MODE_FIELD,
                    title,
                    scope + " holds rows this connector did not write");
        }
        String detail = "Target tables that already hold rows: " + names(withRows) + " (conflict.mode = "
                + options.conflictMode() + ").";
        if (!options.conflictsRefused()) {
            return PrecheckItem.warn(
                    "target.conflicting_tables",
                    TARGET,
                    TargetChecks.CONFLICT_MODE_FIELD,
                    title,
                    detail,
                    "Their rows are kept: a source row with the same key is not loaded.");
        }
        return PrecheckItem.fail(
                "target.conflicting_tables",
                TARGET,
                TargetChecks.CONFLICT_MODE_FIELD,
                title,
                detail,
                "Empty them or migrate into another database, or set conflict.mode = ignore to keep their rows (a source row with the"
                        + " same key is then not loaded).");
    }

    /** PostgreSQL reports no free disk space through SQL, so both sizes are shown for the operator to compare. */
    PrecheckItem dataSize(long sourceBytes) throws SQLException {
        String used = string("SELECT pg_size_pretty(pg_database_size(current_database()))");
        String title = "Space for the selected data";
        if (sourceBytes < 0) {
            return PrecheckItem.pass(
                    "target.data_size",
                    TARGET,
                    TargetChecks.DATABASE_FIELD,
                    title,
                    "The target database uses " + used
                            + " now; the size of the source's selection is reported by the source's precheck.");
        }
        String needed = string("SELECT pg_size_pretty(" + sourceBytes + "::bigint)");
        return PrecheckItem.pass(
                "target.data_size",
                TARGET,
                TargetChecks.DATABASE_FIELD,
                title,
                "The selected source data takes " + needed
                        + " with indexes and TOAST; the target database uses " + used
                        + " now. Make sure the target's disk has at least " + needed
                        + " free.");
    }

    private static String names(List<TableId> tables) {
        String listed = tables.stream().limit(LISTED).map(TableId::quoted).collect(Collectors.joining(", "));
        return tables.size() <= LISTED ? listed : listed + " and " + (tables.size() - LISTED) + " more";
    }

    private boolean bool(String sql) throws SQLException {
        String value = string(sql);
        return "t".equals(value) || "true".equals(value);
    }

    private String string(String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
