package io.pg2polar.sink.fk;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code SET session_replication_role = replica}: foreign-key triggers and ordinary triggers do not fire in the
 * apply session, while other sessions on the target keep every check.
 */
public final class ReplicaRoleSuspension implements ForeignKeySuspension {

    static final String SET_REPLICA_ROLE = "SET session_replication_role = replica";

    @Override
    public void prepareTarget(Connection connection) {
        // nothing to change on the target: the setting is per session
    }

    @Override
    public void onSessionOpen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(SET_REPLICA_ROLE);
        }
    }

    @Override
    public boolean holdsBack() {
        return false;
    }

    @Override
    public String describe() {
        return "foreign-key checks and triggers suspended per session (session_replication_role = replica)";
    }
}
