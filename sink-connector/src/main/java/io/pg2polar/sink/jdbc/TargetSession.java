package io.pg2polar.sink.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.jdbc.SqlStates;
import io.pg2polar.sink.dialect.TargetDialect;
import io.pg2polar.sink.fk.ForeignKeySuspension;

/**
 * The task's one connection to the target, opened on demand and set up before first use: the dialect's
 * session settings, then the foreign-key suspension once one is chosen. After a failure the caller recovers it;
 * a lost connection is dropped and the next use reconnects.
 */
public final class TargetSession implements AutoCloseable {

    private static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(30);

    private final PgEndpoint endpoint;
    private final TargetDialect dialect;
    private final Duration connectTimeout;
    private ForeignKeySuspension suspension;
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

    /** From now on every session, the current one included, suspends foreign keys this way. */
    public void useForeignKeySuspension(ForeignKeySuspension chosen) throws SQLException {
        this.suspension = chosen;
        if (connection != null && !connection.isClosed()) {
            chosen.onSessionOpen(connection);
        }
    }

    private Connection open() throws SQLException {
        Connection opened = endpoint.connect("pg2polar-sink", connectTimeout, SOCKET_TIMEOUT);
        try {
            dialect.configureSession(opened);
            opened.setAutoCommit(false);
            if (suspension != null) {
                suspension.onSessionOpen(opened);
            }
            return opened;
        }
        catch (SQLException e) {
            closeQuietly(opened);
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
