package io.pg2polar.sink.fk;

import java.sql.Connection;
import java.sql.SQLException;

import io.pg2polar.common.jdbc.ReplicaRoleProbe;
import io.pg2polar.common.jdbc.SqlStates;
import io.pg2polar.sink.dialect.DdlStatements;
import io.pg2polar.sink.dialect.StateStatements;

/** Chooses how to suspend foreign keys on a target, probing whether the account may set the replica role. */
public final class ForeignKeySuspensions {

    private ForeignKeySuspensions() {}

    /**
     * @param connection a connection in a transaction (auto-commit off); left without changes
     * @param ddl        the dialect's DDL, for holding foreign keys back
     * @param state      the dialect's statements on the state tables, for keeping what is held back
     * @throws SQLException when {@code replica-role} is demanded but refused, naming the privilege to grant
     */
    public static ForeignKeySuspension choose(
            ForeignKeyMode mode, Connection connection, String user, DdlStatements ddl, StateStatements state)
            throws SQLException {
        if (mode == ForeignKeyMode.HOLD_BACK) {
            return new HeldBackForeignKeys(ddl, state);
        }
        boolean allowed = mayUseReplicaRole(connection);
        if (allowed) {
            return new ReplicaRoleSuspension();
        }
        if (mode == ForeignKeyMode.AUTO) {
            return new HeldBackForeignKeys(ddl, state);
        }
        throw new SQLException(
                "Target user '" + user + "' may not SET session_replication_role = replica (apply.foreign.keys ="
                        + " replica-role). Grant it with GRANT SET ON PARAMETER session_replication_role TO " + user
                        + " (PostgreSQL 15+), use a superuser, or set apply.foreign.keys = auto to hold foreign keys back instead.",
                SqlStates.INSUFFICIENT_PRIVILEGE);
    }

    /** Whether the account may set the replica role: {@link ReplicaRoleProbe}. */
    public static boolean mayUseReplicaRole(Connection connection) throws SQLException {
        return ReplicaRoleProbe.allowed(connection);
    }
}
