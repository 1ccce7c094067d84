package io.pg2polar.common.extension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.pg2polar.common.extension.ExtensionOutcome.State;
import io.pg2polar.common.jdbc.SqlStates;
import io.pg2polar.common.schema.ExtensionDefinition;

/**
 * Makes the extensions a migration needs exist on the target, or finds out why they cannot: each one the target lacks
 * is created in the schema the definitions name it with, under its own savepoint, so a refusal leaves the transaction
 * usable and is classified (not available, not allowed, failed). Trying is the only reliable test: what an account may
 * create depends on trusted extensions (PostgreSQL 13+), its privileges, and on managed services their own rules
 * (PolarDB-O's privileged account).
 */
public final class ExtensionInstaller {

    private final ExtensionOffer offer;

    public ExtensionInstaller(ExtensionOffer offer) {
        this.offer = offer;
    }

    /**
     * @param connection in a transaction (auto-commit off); what it creates stays in that transaction, so a precheck
     *                   rolls back and the sink commits with the table that needs it
     * @param needed     each extension after those it requires
     * @return one outcome per extension, in the order given
     * @throws SQLException when the connection fails meanwhile
     */
    public ExtensionOutcomes install(Connection connection, List<ExtensionDefinition> needed) throws SQLException {
        if (needed.isEmpty()) {
            return new ExtensionOutcomes(List.of(), offer);
        }
        List<String> names = needed.stream().map(ExtensionDefinition::name).toList();
        Map<String, String[]> installed = rows(connection, """
                SELECT e.extname, n.nspname, e.extversion FROM pg_catalog.pg_extension e
                JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = ANY (?)""", names);
        // pg_available_extensions reads every control file of the server: asked only when something is missing
        Map<String, String[]> available = installed.keySet().containsAll(names)
                ? Map.of()
                : rows(
                        connection,
                        "SELECT name, default_version FROM pg_catalog.pg_available_extensions WHERE name = ANY (?)",
                        names);
        List<ExtensionOutcome> outcomes = new ArrayList<>();
        for (ExtensionDefinition extension : needed) {
            String[] present = installed.get(extension.name());
            if (present != null) {
                outcomes.add(
                        present[1].equals(extension.schema())
                                ? new ExtensionOutcome(extension, State.INSTALLED, present[2], "")
                                : new ExtensionOutcome(
                                        extension,
                                        State.ELSEWHERE,
                                        present[2],
                                        "installed in schema " + present[1]
                                                + ", while the migrated definitions name its types and operator classes in schema "
                                                + extension.schema()));
            } else if (!available.containsKey(extension.name())) {
                outcomes.add(new ExtensionOutcome(
                        extension,
                        State.UNAVAILABLE,
                        null,
                        "the target server has no files for it" + " (pg_available_extensions does not list it)"));
            } else {
                outcomes.add(create(connection, extension, available.get(extension.name())[1]));
            }
        }
        return new ExtensionOutcomes(outcomes, offer);
    }

    private ExtensionOutcome create(Connection connection, ExtensionDefinition extension, String defaultVersion)
            throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            statement.execute(ExtensionStatements.createSchema(extension.schema()));
            statement.execute(ExtensionStatements.create(extension));
            connection.releaseSavepoint(savepoint);
            return new ExtensionOutcome(extension, State.CREATED, defaultVersion, "");
        } catch (SQLException e) {
            if (SqlStates.isConnectionLoss(e)) {
                throw e;
            }
            connection.rollback(savepoint);
            if (SqlStates.INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                return new ExtensionOutcome(
                        extension,
                        State.NOT_ALLOWED,
                        null,
                        whyNotAllowed(connection, extension.name(), defaultVersion, e));
            }
            return new ExtensionOutcome(
                    extension, State.FAILED, null, "the target refused to create it: " + e.getMessage());
        }
    }

    /** Explains a refusal from the rules of PostgreSQL: trusted extensions (13+) need CREATE on the database, others a superuser. */
    private static String whyNotAllowed(Connection connection, String name, String version, SQLException refusal)
            throws SQLException {
        String user = single(connection, "SELECT current_user");
        boolean superuser = "true"
                .equals(single(
                        connection, "SELECT rolsuper::text FROM pg_catalog.pg_roles WHERE rolname = current_user"));
        int serverVersion = Integer.parseInt(single(connection, "SELECT current_setting('server_version_num')"));
        if (superuser) {
            return "the target refused it to superuser '" + user + "': " + refusal.getMessage();
        }
        if (serverVersion < 130000) {
            return "before PostgreSQL 13 only a superuser may create an extension, and '" + user + "' is none";
        }
        String trusted = single(
                connection,
                "SELECT trusted::text FROM pg_catalog.pg_available_extension_versions WHERE name = ? AND version = ?",
                name,
                version);
        if (!"true".equals(trusted)) {
            return name + " is not a trusted extension, so only a superuser may create it, and '" + user + "' is none";
        }
        if (!"true".equals(single(connection, "SELECT has_database_privilege(current_database(), 'CREATE')::text"))) {
            return name + " is trusted, but '" + user
                    + "' lacks the CREATE privilege on the database that a trusted extension needs";
        }
        return "the target refused it to '" + user + "': " + refusal.getMessage();
    }

    private static Map<String, String[]> rows(Connection connection, String sql, List<String> names)
            throws SQLException {
        Map<String, String[]> rows = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", names.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    rows.put(row[0], row);
                }
            }
        }
        return rows;
    }

    private static String single(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }
}
