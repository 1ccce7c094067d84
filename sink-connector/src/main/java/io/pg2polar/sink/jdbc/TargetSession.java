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
 * a lost connection is dropped and the next use reconnects. A statement the target does not answer within the read
 * timeout counts as a lost connection: a partition or a dead host sends no reset, and TCP alone would wait hours.
 */
public final class TargetSession implements AutoCloseable {

    private final PgEndpoint endpoint;
    private final TargetDialect dialect;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private ForeignKeySuspension suspension;
    private Connection connection;

    /**
     * @param readTimeout how long one statement may go unanswered before the connection counts as lost; zero waits
     *                    forever
     */
    public TargetSession(PgEndpoint endpoint, TargetDialect dialect, Duration connectTimeout, Duration readTimeout) {
        this.endpoint = endpoint;
        this.dialect = dialect;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** Work on the connection that may throw what JDBC throws. */
    @FunctionalInterface
    public interface Work {
        void run() throws SQLException;
    }

    /**
     * Runs work that may rightly keep the target busy longer than the read timeout - building an index, rewriting a
     * table for a schema change - with no read timeout.
     */
    public void withoutReadTimeout(Work work) throws SQLException {
        Connection current = connection();
        current.setNetworkTimeout(Runnable::run, 0);
        try {
            work.run();
        } finally {
            if (!current.isClosed()) {
                current.setNetworkTimeout(Runnable::run, (int) readTimeout.toMillis());
            }
        }
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
        Connection opened = endpoint.connect("pg2polar-sink", connectTimeout, readTimeout);
        try {
            dialect.configureSession(opened);
            opened.setAutoCommit(false);
            if (suspension != null) {
                suspension.onSessionOpen(opened);
            }
            return opened;
        } catch (SQLException e) {
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
        } catch (SQLException rollbackFailure) {
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
        } catch (SQLException ignored) {
            // the connection is being discarded; nothing to save
        }
    }
}
