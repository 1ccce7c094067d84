package io.pg2polar.it.kit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.pg2polar.servers.postgres.PostgresServer;

/**
 * A live application writing to the source while a migration runs: one {@link Workload} transaction at a fixed
 * rate on its own connection. {@link #stop()} waits for the last transaction and reports the first error, so a
 * broken writer cannot pass for a quiet one.
 */
public final class LiveWriter implements AutoCloseable {

    /** One transaction of application work; the writer commits it. */
    @FunctionalInterface
    public interface Workload {
        void writeOne(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final Workload workload;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private LiveWriter(Connection connection, Workload workload, String name) throws SQLException {
        this.connection = connection;
        this.workload = workload;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, name));
        connection.setAutoCommit(false);
    }

    /** Starts committing {@code transactionsPerSecond} workload transactions per second. */
    public static LiveWriter start(PostgresServer server, String database, Workload workload, int transactionsPerSecond) {
        try {
            LiveWriter writer = new LiveWriter(server.connect(database), workload, "live-writer-" + database);
            writer.scheduler.scheduleAtFixedRate(writer::writeOne, 0, 1_000_000L / transactionsPerSecond, TimeUnit.MICROSECONDS);
            return writer;
        }
        catch (SQLException e) {
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
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw new AssertionError("The live writer failed after " + transactions.get() + " transactions", failure.get());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            connection.close();
        }
        catch (SQLException ignored) {
            // the writer is done
        }
    }

    private void writeOne() {
        if (failure.get() != null) {
            return;
        }
        try {
            workload.writeOne(connection);
            connection.commit();
            transactions.incrementAndGet();
        }
        catch (SQLException | RuntimeException e) {
            failure.compareAndSet(null, e);
            try {
                connection.rollback();
            }
            catch (SQLException ignored) {
                // the failure is recorded already
            }
        }
    }
}
