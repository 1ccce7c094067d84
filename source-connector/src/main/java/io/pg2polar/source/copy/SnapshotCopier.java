package io.pg2polar.source.copy;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.control.ChunkText;
import io.pg2polar.common.control.CopyChunk;
import io.pg2polar.common.jdbc.PgEndpoint;

/**
 * Reads the tables of a full load with {@code COPY ... TO STDOUT}, several at once, each session inside the same
 * exported snapshot, and cuts each table's text into chunks of at most {@code chunkBytes} (whole lines). The
 * chunks wait in a bounded queue for the task's poll, so a slow Kafka holds the reads back instead of filling
 * the heap. Each table ends with a chunk marked last-in-table (empty when the table's lines filled the chunks
 * before it exactly, or the table is empty).
 */
public final class SnapshotCopier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCopier.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** The settings pg_dump uses, so the text is what the target's COPY FROM reads back exactly. */
    private static final String SESSION_SETTINGS = "SET DateStyle = ISO; SET IntervalStyle = postgres; SET extra_float_digits = 3;"
            + " SET bytea_output = hex";

    private final PgEndpoint endpoint;
    private final ExportedSnapshot snapshot;
    private final Queue<TableCopy> tables;
    private final int threads;
    private final int chunkBytes;
    private final Clock clock;
    private final BlockingQueue<CopyChunk> chunks;
    private final ExecutorService executor;
    private final AtomicInteger imported = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public SnapshotCopier(PgEndpoint endpoint, ExportedSnapshot snapshot, List<TableCopy> plan, int threads, int chunkBytes, Clock clock) {
        this.endpoint = endpoint;
        this.snapshot = snapshot;
        this.tables = new ConcurrentLinkedQueue<>(plan);
        this.threads = Math.max(1, Math.min(threads, plan.size()));
        this.chunkBytes = chunkBytes;
        this.clock = clock;
        // a few chunks per thread: enough to keep the producer busy while every reader waits on the database
        this.chunks = new ArrayBlockingQueue<>(4 * this.threads);
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(this.threads, r -> {
            Thread thread = new Thread(r, "pg2polar-full-load-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        if (tables.isEmpty()) {
            snapshot.close();
            return;
        }
        for (int i = 0; i < threads; i++) {
            running.incrementAndGet();
            executor.submit(this::readTables);
        }
    }

    /**
     * Chunks ready to send, waiting up to {@code wait} for the first.
     *
     * @throws SQLException when a read failed; the full load must start over
     */
    public List<CopyChunk> poll(Duration wait) throws SQLException, InterruptedException {
        List<CopyChunk> ready = new ArrayList<>();
        CopyChunk first = chunks.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (first != null) {
            ready.add(first);
            chunks.drainTo(ready);
        }
        Throwable failed = failure.get();
        if (failed != null && ready.isEmpty()) {
            throw failed instanceof SQLException e ? e : new SQLException("The full load failed: " + failed.getMessage(), failed);
        }
        return ready;
    }

    /** Whether every table has been read and every chunk handed out. */
    public boolean finished() {
        return running.get() == 0 && failure.get() == null && chunks.isEmpty();
    }

    private void readTables() {
        try (Connection connection = endpoint.connect("pg2polar-full-load", CONNECT_TIMEOUT, Duration.ZERO)) {
            snapshot.importInto(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute(SESSION_SETTINGS);
            }
            if (imported.incrementAndGet() == threads) {
                // every reader holds the snapshot now: the exporting session may end
                snapshot.close();
            }
            TableCopy table;
            while (failure.get() == null && (table = tables.poll()) != null) {
                copy(connection, table);
            }
            connection.rollback();
        }
        catch (Throwable e) {
            if (failure.compareAndSet(null, e) && !(e instanceof InterruptedException)) {
                LOG.error("Full load read failed: {}", e.getMessage(), e);
            }
            tables.clear();
        }
        finally {
            running.decrementAndGet();
        }
    }

    private void copy(Connection connection, TableCopy table) throws Exception {
        long started = clock.millis();
        CopyOut out = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(table.copyOut());
        ByteArrayOutputStream text = new ByteArrayOutputStream(chunkBytes + 1024);
        long sequence = 0;
        long rows = 0;
        long total = 0;
        try {
            byte[] line;
            while ((line = out.readFromCopy()) != null) {
                if (text.size() > 0 && text.size() + line.length > chunkBytes) {
                    chunks.put(chunk(table, sequence++, rows, text.toByteArray(), false));
                    text.reset();
                    rows = 0;
                }
                text.write(line);
                rows++;
                total++;
            }
        }
        finally {
            if (out.isActive()) {
                out.cancelCopy();
            }
        }
        chunks.put(chunk(table, sequence, rows, text.toByteArray(), true));
        LOG.info("Full load read {} rows of {} in {} chunks ({} ms)", total, table.table(), sequence + 1, clock.millis() - started);
    }

    private CopyChunk chunk(TableCopy table, long sequence, long rows, byte[] data, boolean last) {
        // compressed here, on the reading thread, not in the task's poll
        return new CopyChunk(table.table(), table.columns(), snapshot.walPosition(), sequence, rows, ChunkText.of(data), last, false, clock.millis());
    }

    @Override
    public void close() {
        executor.shutdownNow();
        snapshot.close();
        chunks.clear();
    }

}
