package io.pg2polar.common.jdbc;

import java.sql.SQLException;

/**
 * Classifies PostgreSQL errors by SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html):
 * connection loss and serialization conflicts are worth retrying, authentication and privilege errors are not.
 */
public final class SqlStates {

    public static final String INVALID_PASSWORD = "28P01";
    public static final String INVALID_AUTHORIZATION = "28000";
    public static final String INVALID_CATALOG_NAME = "3D000";
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    public static final String UNDEFINED_TABLE = "42P01";
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String SERIALIZATION_FAILURE = "40001";
    public static final String DEADLOCK_DETECTED = "40P01";
    public static final String ADMIN_SHUTDOWN = "57P01";
    public static final String CRASH_SHUTDOWN = "57P02";
    public static final String CANNOT_CONNECT_NOW = "57P03";
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    public static final String QUERY_CANCELED = "57014";
    public static final String READ_ONLY_SQL_TRANSACTION = "25006";

    private SqlStates() {}

    /** The SQLSTATE of the exception or, when it has none, of the first cause that has one. */
    public static String of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** True when the connection is gone or the server is restarting: reconnecting may succeed. */
    public static boolean isConnectionLoss(Throwable error) {
        String state = of(error);
        if (state == null) {
            return error instanceof java.io.IOException || error.getCause() instanceof java.io.IOException;
        }
        return state.startsWith("08")
                || ADMIN_SHUTDOWN.equals(state)
                || CRASH_SHUTDOWN.equals(state)
                || CANNOT_CONNECT_NOW.equals(state);
    }

    /** True for conflicts between concurrent transactions: the same statement may succeed when repeated. */
    public static boolean isTransient(Throwable error) {
        String state = of(error);
        return SERIALIZATION_FAILURE.equals(state) || DEADLOCK_DETECTED.equals(state);
    }

    /**
     * True when the same statement may succeed later without anyone changing the target: a lost connection, a
     * conflict between transactions, a lock or statement timeout, a server out of resources (class 53), a server
     * that is read-only for now (a replica after a failover, {@code default_transaction_read_only}).
     */
    public static boolean isRetriable(Throwable error) {
        String state = of(error);
        return isConnectionLoss(error)
                || isTransient(error)
                || LOCK_NOT_AVAILABLE.equals(state)
                || QUERY_CANCELED.equals(state)
                || READ_ONLY_SQL_TRANSACTION.equals(state)
                || state != null && state.startsWith("53");
    }

    /** True when the account lacks a password, a login or a privilege: retrying cannot help. */
    public static boolean isPermissionProblem(Throwable error) {
        String state = of(error);
        return state != null && (state.startsWith("28") || INSUFFICIENT_PRIVILEGE.equals(state));
    }
}
