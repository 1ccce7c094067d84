package io.pg2polar.it.kit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.pg2polar.common.jdbc.SqlStates;
import io.pg2polar.servers.postgres.PostgresServer;

/**
 * A live application writing to the source while a migration runs: one {@link Workload} transaction at a fixed
 * rate on its own connection. Like an application, it reconnects when the server goes away (a restart), and meanwhile
 * writes nothing. {@link #stop()} waits for the last transaction and reports the first other error, so a broken writer
 * cannot pass for a quiet one.
 */
public final class LiveWriter implements AutoCloseable {

    /** One transaction of application work; the writer commits it. */
    @FunctionalInterface
    public interface Workload {
        void writeOne(Connection connection) throws SQLException;
    }

    private final PostgresServer server;
    private final String database;
    private Connection connection;
    private final Workload workload;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private LiveWriter(PostgresServer server, String database, Workload workload, String name) throws SQLException {
        this.server = server;
        this.database = database;
        this.workload = workload;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, name));
        this.connection = connect();
    }

    private Connection connect() throws SQLException {
        Connection opened = server.connect(database);
        opened.setAutoCommit(false);
        return opened;
    }

    /** Starts committing {@code transactionsPerSecond} workload transactions per second. */
    public static LiveWriter start(
            PostgresServer server, String database, Workload workload, int transactionsPerSecond) {
        try {
            LiveWriter writer = new LiveWriter(server, database, workload, "live-writer-" + database);
            writer.scheduler.scheduleAtFixedRate(
                    writer::writeOne, 0, 1_000_000L / transactionsPerSecond, TimeUnit.MICROSECONDS);
            return writer;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The transactions committed so far.
     *
     * @throws AssertionError when one failed (the writer stops there), so a wait on the count fails at once with
     *                        the cause instead of timing out
     */
    public long transactions() {
        Throwable failed = failure.get();
        if (failed != null) {
            throw new AssertionError("The live writer failed after " + transactions.get() + " transactions", failed);
        }
        return transactions.get();
    }

    /** Stops writing; throws if any transaction failed. */
    public void stop() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The writer did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw new AssertionError(
                    "The live writer failed after " + transactions.get() + " transactions", failure.get());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        closeConnection();
    }

    private void closeConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // the writer is done with it
        }
        connection = null;
    }

    private void writeOne() {
        if (failure.get() != null) {
            return;
        }
        try {
            if (connection == null) {
                connection = connect();
            }
            workload.writeOne(connection);
            connection.commit();
            transactions.incrementAndGet();
        } catch (SQLException e) {
            if (SqlStates.isConnectionLoss(e)) {
                // the server restarts: whether a commit under way was kept is for the comparison of rows to see
                closeConnection();
                return;
            }
            fail(e);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void fail(Exception e) {
        failure.compareAndSet(null, e);
        try {
            if (connection != null) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the failure is recorded already
        }
    }
}
