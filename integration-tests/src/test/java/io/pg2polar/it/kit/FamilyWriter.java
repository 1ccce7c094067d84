package io.pg2polar.it.kit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.pg2polar.servers.postgres.PostgresServer;

/**
 * A live application writing to {@link FamilyTables} on the source while a migration runs: inserts (a parent
 * with children and grandchildren), updates and deletes (cascading) across the three tables, some in
 * multi-statement transactions, at a fixed rate. {@link #stop()} waits for the last transaction and reports
 * the first error, so a broken writer cannot pass for a quiet one.
 */
public final class FamilyWriter implements AutoCloseable {

    private final Connection connection;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "family-writer"));
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private long maxParent;
    private long maxChild;
    private long maxGrandchild;

    private FamilyWriter(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        refreshMaxIds();
    }

    /** Starts writing {@code transactionsPerSecond} transactions per second. */
    public static FamilyWriter start(PostgresServer server, String database, int transactionsPerSecond) {
        try {
            FamilyWriter writer = new FamilyWriter(server.connect(database));
            long periodMicros = 1_000_000L / transactionsPerSecond;
            writer.scheduler.scheduleAtFixedRate(writer::writeOne, 0, periodMicros, TimeUnit.MICROSECONDS);
            return writer;
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long transactions() {
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
            int choice = ThreadLocalRandom.current().nextInt(100);
            if (choice < 30) {
                insertFamily();
            }
            else if (choice < 75) {
                updateSome();
            }
            else {
                deleteSome();
            }
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

    private void insertFamily() throws SQLException {
        long parentId;
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO parent (name, amount, created_at, active, attrs, payload, ref)
                VALUES ('live ' || ?, ?::numeric / 100, now(), ?, jsonb_build_object('live', ?), decode(md5(?::text), 'hex'), gen_random_uuid())
                RETURNING id""")) {
            long n = ThreadLocalRandom.current().nextLong(1_000_000);
            insert.setLong(1, n);
            insert.setLong(2, n);
            insert.setBoolean(3, n % 3 == 0);
            insert.setLong(4, n);
            insert.setLong(5, n);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                parentId = rs.getLong(1);
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    WITH c AS (
                        INSERT INTO child (parent_id, label, price, updated_at, done, flags, blob, token)
                        SELECT %1$d, 'live child ' || k, k * 3.5, now(), false, '{"live": true}', '\\x0102', gen_random_uuid()
                        FROM generate_series(1, 2) k RETURNING id)
                    INSERT INTO grandchild (child_id, note, big, measured_at, ok, doc, raw, uid)
                    SELECT id, 'live grandchild', id * 7, now(), true, '[1, 2, 3]', NULL, gen_random_uuid() FROM c
                    """.formatted(parentId));
        }
        maxParent = Math.max(maxParent, parentId);
        refreshMaxIds();
    }

    private void updateSome() throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE parent SET amount = amount + 1.5, active = NOT coalesce(active, false),"
                    + " attrs = attrs || '{\"touched\": true}' WHERE id = " + random.nextLong(1, maxParent + 1));
            statement.executeUpdate("UPDATE child SET label = label || '+', price = price * 2, updated_at = now(),"
                    + " blob = blob || '\\xff'::bytea WHERE id = " + random.nextLong(1, maxChild + 1));
            long first = random.nextLong(1, maxGrandchild + 1);
            statement.executeUpdate("UPDATE grandchild SET note = 'updated ' || now(), big = big - 1, uid = gen_random_uuid()"
                    + " WHERE id BETWEEN " + first + " AND " + (first + random.nextInt(5)));
        }
    }

    private void deleteSome() throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Statement statement = connection.createStatement()) {
            int which = random.nextInt(10);
            if (which == 0) {
                statement.executeUpdate("DELETE FROM parent WHERE id = " + random.nextLong(1, maxParent + 1));
            }
            else if (which < 4) {
                statement.executeUpdate("DELETE FROM child WHERE id = " + random.nextLong(1, maxChild + 1));
            }
            else {
                statement.executeUpdate("DELETE FROM grandchild WHERE id = " + random.nextLong(1, maxGrandchild + 1));
            }
        }
    }

    private void refreshMaxIds() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT (SELECT coalesce(max(id), 1) FROM parent), (SELECT coalesce(max(id), 1) FROM child),"
                        + " (SELECT coalesce(max(id), 1) FROM grandchild)")) {
            rs.next();
            maxParent = rs.getLong(1);
            maxChild = rs.getLong(2);
            maxGrandchild = rs.getLong(3);
        }
    }
}
