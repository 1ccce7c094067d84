package io.pg2polar.sink.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.apache.kafka.connect.errors.ConnectException;

import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.jdbc.SqlStates;
import io.pg2polar.sink.dialect.TargetDialect;

/**
 * The task's one connection to the target, opened on demand and set up by the dialect (FK checks and
 * triggers suspended, UTC, exact floats) before first use. After a failure the caller invalidates it and the
 * next use reconnects.
 */
public final class TargetSession implements AutoCloseable {

    private static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(30);

    private final PgEndpoint endpoint;
    private final TargetDialect dialect;
    private final Duration connectTimeout;
    private Connection connection;

    public TargetSession(PgEndpoint endpoint, TargetDialect dialect, Duration connectTimeout) {
        this.endpoint = endpoint;
        this.dialect = dialect;
        this.connectTimeout = connectTimeout;
    }

    /** The open connection, in a transaction (auto-commit off). */
    public Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = open();
        }
        return connection;
    }

    private Connection open() throws SQLException {
        Connection opened = endpoint.connect("pg2polar-sink", connectTimeout, SOCKET_TIMEOUT);
        try {
            dialect.configureSession(opened);
            opened.setAutoCommit(false);
            return opened;
        }
        catch (SQLException e) {
            closeQuietly(opened);
            if (SqlStates.isPermissionProblem(e)) {
                throw new ConnectException("Target user '" + endpoint.user() + "' may not set up an apply session on "
                        + endpoint.describe() + ": " + e.getMessage() + ". Suspending foreign-key checks needs"
                        + " 'SET session_replication_role = replica': grant it with GRANT SET ON PARAMETER"
                        + " session_replication_role TO " + endpoint.user() + " (PostgreSQL 15+) or use a superuser.", e);
            }
            throw e;
        }
    }

    /** Rolls back what the failed transaction did and, when the connection is gone, drops it. */
    public void recover(Exception failure) {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        }
        catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
            invalidate();
            return;
        }
        if (SqlStates.isConnectionLoss(failure)) {
            invalidate();
        }
    }

    /** Closes the connection; the next use reconnects. */
    public void invalidate() {
        closeQuietly(connection);
        connection = null;
    }

    @Override
    public void close() {
        invalidate();
    }

    public PgEndpoint endpoint() {
        return endpoint;
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        }
        catch (SQLException ignored) {
            // the connection is being discarded; nothing to save
        }
    }
}
