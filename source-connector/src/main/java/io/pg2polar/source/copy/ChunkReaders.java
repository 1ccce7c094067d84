package io.pg2polar.source.copy;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.relational.Tables.ColumnNameFilter;

import io.pg2polar.common.jdbc.PgEndpoint;

/**
 * The full load's reader sessions ({@code snapshot.max.threads}), each taking the planner's next chunk and reading it.
 * Readers stop taking chunks while chunks of twice their number of {@code snapshot.range.bytes} are read and not sent
 * (a paused or slow task holds the reads back instead of filling the heap; many small tables still go through at once); an idle reader takes a snapshot now and then so the windows can forget sent
 * transactions. A read that fails hands its chunk back and is tried again on a new session; one that keeps failing
 * stops the load with its cause.
 */
final class ChunkReaders implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkReaders.class);
    private static final Duration IDLE = Duration.ofMillis(100);
    private static final Duration PROBE_EVERY = Duration.ofSeconds(1);
    private static final int ATTEMPTS = 5;

    private final PgEndpoint endpoint;
    private final String slot;
    private final ChunkPlanner planner;
    private final ChunkWindows windows;
    private final SnapshotOrder snapshots;
    private final ColumnNameFilter columnFilter;
    private final int threads;
    private final int pieceBytes;
    private final long rangeBytes;
    private final Clock clock;
    private final ExecutorService executor;
    private final CountDownLatch settled = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong lastProbe = new AtomicLong();
    /** Closed from {@link #close()} too: a session in the middle of a COPY does not answer an interrupt. */
    private final java.util.Set<ChunkReader> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private volatile boolean closed;

    /** @param slot the migration's slot, naming its watermarks; null without a change stream */
    ChunkReaders(
            PgEndpoint endpoint,
            String slot,
            ChunkPlanner planner,
            ChunkWindows windows,
            ColumnNameFilter columnFilter,
            int threads,
            int pieceBytes,
            long rangeBytes,
            Clock clock) {
        this.endpoint = endpoint;
        this.slot = slot;
        this.planner = planner;
        this.windows = windows;
        this.snapshots = new SnapshotOrder(windows);
        this.columnFilter = columnFilter;
        this.threads = Math.max(1, threads);
        this.pieceBytes = pieceBytes;
        this.rangeBytes = rangeBytes;
        this.clock = clock;
        AtomicInteger number = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(this.threads, r -> {
            Thread thread = new Thread(r, "pg2polar-full-load-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    synchronized void start() {
        for (int i = 0; i < threads; i++) {
            int reader = i;
            running.incrementAndGet();
            executor.submit(() -> run(reader));
        }
    }

    /** Starts the readers again when they had finished: tables were added to the load. */
    synchronized void ensureRunning() {
        if (running.get() == 0 && !closed) {
            start();
        }
    }

    /** Why the load cannot go on, or null. */
    Throwable failure() {
        return failure.get();
    }

    /** Whether every reader has finished: nothing is left to read. */
    boolean finished() {
        return running.get() == 0;
    }

    private void run(int index) {
        try {
            if (index == 0 && settled.getCount() > 0) {
                ChunkReader reader = newReader(index);
                try {
                    if (slot != null) {
                        CommittingTransactions.awaitVisible(reader.connection());
                    }
                } finally {
                    close(reader);
                }
                settled.countDown();
            }
            settled.await();
            readChunks(index);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            if (!closed && failure.compareAndSet(null, e)) {
                LOG.error("Full load read failed: {}", e.getMessage(), e);
            }
        } finally {
            settled.countDown();
            running.decrementAndGet();
        }
    }

    private void readChunks(int index) throws SQLException, InterruptedException {
        ChunkReader reader = null;
        int failures = 0;
        try {
            while (!closed) {
                ChunkPlanner.Handout handout = null;
                try {
                    if (reader == null) {
                        reader = newReader(index);
                    }
                    handout = planner.nextRest();
                    // at most twice the readers' worth of large chunks read and not sent: what a killed task reads
                    // again
                    if (handout == null && windows.unsentBytes() + rangeBytes <= 2L * threads * rangeBytes) {
                        handout = planner.next(reader.connection());
                    }
                    if (handout == null) {
                        if (planner.handedOut() && windows.idle()) {
                            return;
                        }
                        probeNowAndThen(reader);
                        Thread.sleep(IDLE.toMillis());
                        continue;
                    }
                    ReadChunk chunk = reader.read(handout.spec(), handout.window());
                    if (chunk != null
                            && chunk.spec().range().isLast()
                            && !handout.spec().range().isLast()) {
                        planner.ended(handout.spec().table());
                    }
                    failures = 0;
                } catch (SQLException | RuntimeException e) {
                    if (handout != null) {
                        windows.failed(handout.window());
                    }
                    if (closed) {
                        return;
                    }
                    if (++failures >= ATTEMPTS) {
                        throw e;
                    }
                    LOG.warn("Full load reader {} failed ({}); going on on a new session", index, e.getMessage());
                    if (reader != null) {
                        close(reader);
                        reader = null;
                    }
                    Thread.sleep(failures * 1000L);
                }
            }
        } finally {
            if (reader != null) {
                close(reader);
            }
        }
    }

    private void probeNowAndThen(ChunkReader reader) throws SQLException {
        long now = clock.millis();
        long last = lastProbe.get();
        if (slot != null
                && windows.remembered() > 0
                && now - last >= PROBE_EVERY.toMillis()
                && lastProbe.compareAndSet(last, now)) {
            reader.probe();
        }
    }

    private ChunkReader newReader(int index) throws SQLException {
        ChunkReader reader = new ChunkReader(
                endpoint, index, slot, windows, snapshots, columnFilter, pieceBytes, clock, planner::rest);
        open.add(reader);
        return reader;
    }

    private void close(ChunkReader reader) {
        open.remove(reader);
        reader.close();
    }

    @Override
    public void close() {
        closed = true;
        windows.close();
        executor.shutdownNow();
        open.forEach(ChunkReader::close);
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
