package io.pg2polar.common.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * Whether an account may {@code SET session_replication_role = replica} (a superuser, or on PostgreSQL 15+ a role
 * granted {@code SET ON PARAMETER session_replication_role}). Asking the server is the only reliable test: managed
 * services such as PolarDB-O document no rule for their privileged accounts.
 */
public final class ReplicaRoleProbe {

    private ReplicaRoleProbe() {}

    /**
     * Tries the setting inside a savepoint and undoes it.
     *
     * @param connection a connection in a transaction (auto-commit off); left without changes
     */
    public static boolean allowed(Connection connection) throws SQLException {
        Savepoint probe = connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL session_replication_role = replica");
            connection.rollback(probe);
            return true;
        } catch (SQLException e) {
            connection.rollback(probe);
            if (SqlStates.isPermissionProblem(e)) {
                return false;
            }
            throw e;
        }
    }
}
