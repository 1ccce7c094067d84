package io.pg2polar.source.copy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.control.SchemaChange;
import io.pg2polar.common.sql.TableId;

/**
 * Where each chunk of the full load goes in the change stream (design decision 30). A chunk's window opens when it is
 * handed to a reader; the reader reports the chunk's snapshot, writes a watermark once it has it, and hands over the
 * rows. The task reports every record it sends and the watermarks as it meets them in Debezium's stream. From the
 * window's opening until the chunk is sent, the table's records whose transaction the snapshot does not see are kept,
 * and sent again after the chunk. A chunk goes out once its watermark has passed (every change its snapshot sees has
 * been sent before it) and the table's earlier chunks are out: a keyed chunk whole, when read; a table without a key
 * piece by piece as read, its end last. A chunk is handed back to be read again when a record sent before its window
 * opened is invisible in its snapshot, or a change of the table's definition it does not see came in its window.
 *
 * <p>Without a change stream ({@code migration.type=full}) there are no watermarks: a chunk goes out as it is read.
 */
public final class ChunkWindows {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkWindows.class);

    /**
     * What goes out of one chunk now: some of its pieces, and at its end the records to send again after it.
     *
     * @param pieces  the chunk's pieces not sent before, in order
     * @param ended   whether the chunk ends with these: {@code read} says how many rows it has
     * @param first   whether the first of {@code pieces} is the chunk's first
     */
    public record Emission(
            ChunkSpec spec,
            List<String> columns,
            List<ReadChunk.Piece> pieces,
            boolean first,
            boolean ended,
            ReadChunk read,
            List<SourceRecord> resent) {}

    /** A kept record and the transaction it came from (null when it carries none). */
    private record Kept(Long xid, SourceRecord record) {}

    private static final class Window {
        final long id;
        /** As handed out; as read once read (a range cut at its row limit is read again only up to where it was cut). */
        ChunkSpec spec;

        final String topic;
        final long sentBeforeOpening;
        final boolean streamsPieces;
        XidSnapshot snapshot;
        List<String> columns;
        boolean markSeen;
        boolean anySent;
        long pendingBytes;
        final Deque<ReadChunk.Piece> pending = new ArrayDeque<>();
        ReadChunk read;
        final List<Kept> kept = new ArrayList<>();

        Window(long id, ChunkSpec spec, String topic, long sentBeforeOpening) {
            this.id = id;
            this.spec = spec;
            this.topic = topic;
            this.sentBeforeOpening = sentBeforeOpening;
            this.streamsPieces = !spec.table().keyed();
        }
    }

    private final String run;
    private final boolean streaming;
    private final Function<TableId, String> topicOf;
    private final Consumer<ChunkSpec> readAgain;
    private final Map<Long, Window> windows = new HashMap<>();
    /** Per table, its registered chunks by number: they are sent in this order. */
    private final Map<TableId, TreeMap<Long, Window>> byTable = new HashMap<>();
    /** Per table, chunk numbers handed back to be read again: later chunks wait for them. */
    private final Map<TableId, Set<Long>> toReadAgain = new HashMap<>();

    private final SentTransactions sent = new SentTransactions();
    private XidSnapshot latestSnapshot;
    private long nextId;

    /**
     * @param run       tells this task's watermarks from those of an earlier run the stream may still carry
     * @param streaming whether chunks are placed in a change stream by watermarks
     * @param topicOf   the change topic of a table
     * @param readAgain where a chunk goes that must be read again
     */
    public ChunkWindows(
            String run, boolean streaming, Function<TableId, String> topicOf, Consumer<ChunkSpec> readAgain) {
        this.run = run;
        this.streaming = streaming;
        this.topicOf = topicOf;
        this.readAgain = readAgain;
    }

    /** The watermark a reader writes once it has a chunk's snapshot: {@code run/window}. */
    public String mark(long window) {
        return run + '/' + window;
    }

    /**
     * Opens the window of a chunk handed to a reader, before its snapshot is taken; chunks of a table register in key
     * order.
     */
    public synchronized long register(ChunkSpec spec) {
        long id = nextId++;
        Window window = new Window(id, spec, topicOf.apply(spec.table().table()), sent.sequence());
        windows.put(id, window);
        byTable.computeIfAbsent(spec.table().table(), t -> new TreeMap<>()).put(spec.number(), window);
        Set<Long> again = toReadAgain.get(spec.table().table());
        if (again != null) {
            again.remove(spec.number());
        }
        return id;
    }

    /**
     * The snapshot a chunk is read in, or one taken only to learn what is visible ({@code window} negative); reported
     * in the order PostgreSQL took them.
     */
    public synchronized void snapshotTaken(long window, XidSnapshot snapshot) {
        latestSnapshot = snapshot;
        Window w = windows.get(window);
        if (w != null) {
            w.snapshot = snapshot;
            w.kept.removeIf(k -> k.xid() != null && snapshot.isVisible32(k.xid()));
        }
        forgetSettled();
    }

    /** The columns of a chunk, read under its lock. */
    public synchronized void columns(long window, List<String> columns) {
        Window w = windows.get(window);
        if (w != null) {
            w.columns = List.copyOf(columns);
        }
    }

    /**
     * Some rows of a chunk of a table without a key, which go out as they are read; waits while the chunk's pieces not
     * yet sent reach {@code maxPending} bytes (the task is behind, or paused).
     *
     * @return false when the chunk was handed back or the load is closing: stop reading it
     */
    public synchronized boolean piece(long window, ReadChunk.Piece piece, long maxPending) throws InterruptedException {
        Window w = windows.get(window);
        while (w != null && w.pendingBytes >= maxPending && windows.get(window) == w) {
            wait(100);
        }
        if (w == null || windows.get(window) != w) {
            return false;
        }
        w.pending.add(piece);
        w.pendingBytes += piece.text().wire().length;
        return true;
    }

    /** A chunk read to its end (its pieces, when it has a key). */
    public synchronized void read(long window, ReadChunk chunk) {
        Window w = windows.get(window);
        if (w != null) {
            w.read = chunk;
            w.spec = chunk.spec();
            if (!w.streamsPieces) {
                w.pending.addAll(chunk.pieces());
            }
        }
    }

    /** A chunk whose read failed: it is handed back to be read again. */
    public synchronized void failed(long window) {
        Window w = windows.get(window);
        if (w != null) {
            dropForReadingAgain(w);
        }
    }

    /** About how many bytes the chunks handed out and not sent yet read: readers wait while too many. */
    public synchronized long unsentBytes() {
        return windows.values().stream().mapToLong(w -> w.spec.plannedBytes()).sum();
    }

    /** Whether nothing is handed out or waiting to be read again. */
    public synchronized boolean idle() {
        return windows.isEmpty() && toReadAgain.values().stream().allMatch(Set::isEmpty);
    }

    /** A watermark met in the change stream; those of other runs are ignored. */
    public synchronized void onMark(String mark) {
        int slash = mark.indexOf('/');
        if (slash < 0 || !mark.substring(0, slash).equals(run)) {
            return;
        }
        Window w = windows.get(Long.parseLong(mark.substring(slash + 1)));
        if (w != null) {
            w.markSeen = true;
        }
    }

    /**
     * A record the task sends, in stream order, with the transaction it came from (null when it carries none): kept by
     * every open window of its table whose snapshot does not see it.
     */
    public synchronized void onSent(SourceRecord record, Long xid) {
        if (xid != null) {
            sent.add(record.topic(), xid);
        }
        if (record.value() == null) {
            return;
        }
        for (Window w : windows.values()) {
            if (w.topic.equals(record.topic()) && (xid == null || w.snapshot == null || !w.snapshot.isVisible32(xid))) {
                w.kept.add(new Kept(xid, resendable(record)));
            }
        }
    }

    /** What can go out now, each table's chunks in order; chunks that must be read again are handed back. */
    public synchronized List<Emission> ready() {
        List<Emission> ready = new ArrayList<>();
        for (Map.Entry<TableId, TreeMap<Long, Window>> table : byTable.entrySet()) {
            TreeMap<Long, Window> chunks = table.getValue();
            while (!chunks.isEmpty()) {
                Window head = chunks.firstEntry().getValue();
                Set<Long> again = toReadAgain.getOrDefault(table.getKey(), Set.of());
                if (again.stream().anyMatch(n -> n < head.spec.number()) || (streaming && !head.markSeen)) {
                    break;
                }
                boolean ends = head.read != null;
                if (ends && streaming && mustReadAgain(head)) {
                    dropForReadingAgain(head);
                    continue;
                }
                if (!ends && !head.streamsPieces) {
                    break;
                }
                List<ReadChunk.Piece> pieces = new ArrayList<>(head.pending);
                head.pending.clear();
                head.pendingBytes = 0;
                if (!ends) {
                    if (!pieces.isEmpty()) {
                        ready.add(new Emission(head.spec, head.columns, pieces, !head.anySent, false, null, List.of()));
                        head.anySent = true;
                    }
                    break;
                }
                chunks.pollFirstEntry();
                windows.remove(head.id);
                ready.add(new Emission(
                        head.spec,
                        head.read.columns(),
                        pieces,
                        !head.anySent,
                        true,
                        head.read,
                        head.kept.stream().map(Kept::record).toList()));
            }
        }
        byTable.values().removeIf(TreeMap::isEmpty);
        if (!ready.isEmpty()) {
            forgetSettled();
            notifyAll();
        }
        return ready;
    }

    /** Records the task sent that a chunk still to be read may have to be checked against. */
    synchronized int remembered() {
        return sent.size();
    }

    private boolean mustReadAgain(Window w) {
        if (w.snapshot == null) {
            return false; // the table is gone: nothing was read
        }
        if (sent.anyInvisible(w.topic, w.sentBeforeOpening, w.snapshot)) {
            LOG.info(
                    "{}: a change sent before its read is not visible in its snapshot {} (its commit was decoded before it became"
                            + " visible); reading it again",
                    w.spec,
                    w.snapshot);
            return true;
        }
        for (Kept k : w.kept) {
            if (k.record().valueSchema() != null
                    && SchemaChange.SCHEMA_NAME.equals(k.record().valueSchema().name())) {
                LOG.info(
                        "{}: the table's definition changed after its snapshot {}; reading it again with the new columns",
                        w.spec,
                        w.snapshot);
                return true;
            }
        }
        return false;
    }

    private void dropForReadingAgain(Window w) {
        windows.remove(w.id);
        TreeMap<Long, Window> chunks = byTable.get(w.spec.table().table());
        if (chunks != null && chunks.get(w.spec.number()) == w) {
            chunks.remove(w.spec.number());
        }
        toReadAgain
                .computeIfAbsent(w.spec.table().table(), t -> new HashSet<>())
                .add(w.spec.number());
        readAgain.accept(w.spec);
        notifyAll();
    }

    /**
     * Forgets sent transactions no chunk can still miss: visible in the latest snapshot (so in every snapshot taken
     * later), and in the snapshot of every open window they were sent before.
     */
    private void forgetSettled() {
        if (latestSnapshot == null) {
            return;
        }
        XidSnapshot latest = latestSnapshot;
        sent.forget(s -> {
            if (!latest.isVisible32(s.xid())) {
                return false;
            }
            for (Window w : windows.values()) {
                if (s.sequence() < w.sentBeforeOpening
                        && w.topic.equals(s.topic())
                        && w.snapshot != null
                        && !w.snapshot.isVisible32(s.xid())) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Wakes readers waiting to hand over pieces: the load is closing. */
    public synchronized void close() {
        windows.clear();
        notifyAll();
    }

    /** The same record without a source position: sending it again must not move the position a restart resumes from. */
    private static SourceRecord resendable(SourceRecord record) {
        return new SourceRecord(
                null,
                null,
                record.topic(),
                record.kafkaPartition(),
                record.keySchema(),
                record.key(),
                record.valueSchema(),
                record.value(),
                record.timestamp(),
                record.headers());
    }
}
