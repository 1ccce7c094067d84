package io.pg2polar.source.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Hands out the full load's chunks: the tables largest first, each table's key ranges in key order (so several readers
 * share a large table), a table without a key as one chunk, and chunks handed back to be read again before anything
 * else. A table's ranges are cut when its first chunk is handed out, from a sample of its keys above where its load
 * stands, and once more when they run out (rows added meanwhile at the top); the last range is open-ended. Each chunk is
 * registered with the {@link ChunkWindows} as it is handed out, so a table's chunks register in key order. When the
 * sampled boundaries run out, the next ones are found in the key index, one range at a time: what was added at the top
 * meanwhile is read in ranges too, not in one last chunk.
 */
final class ChunkPlanner {

    /** A chunk handed to a reader and its window. */
    record Handout(ChunkSpec spec, long window) {}

    /** Room left after each chunk's number for the rests of its range, when reads cut it short. */
    private static final long RESTS = 1L << 32;
    /**
     * A sampled range is read up to this many times the rows planned for it: a block sample that reads fewer pages than
     * the table has ranges cuts some ranges many times too wide, and a wide chunk is held in memory, keeps its snapshot
     * longer and is read again whole after a kill.
     */
    private static final long ROW_LIMIT_FACTOR = 2;

    /** Where one table's load stands. */
    private static final class TableState {
        final TableCopy table;
        final long rowsPerChunk;
        /** Chunks sent by earlier runs of this load, and handed out in this one: for the estimate of the total. */
        long chunksBefore;

        List<String> lower;
        long nextNumber;
        Deque<List<String>> bounds;
        /** Whether the table was big enough to be cut: past the sampled boundaries, it is cut by its key index. */
        boolean sampled;

        boolean exhausted;

        TableState(TableCopy table, List<String> lower, long chunksBefore, long rowsPerChunk) {
            this.table = table;
            this.lower = lower;
            this.chunksBefore = chunksBefore;
            this.rowsPerChunk = rowsPerChunk;
        }
    }

    private final List<TableState> tables = new ArrayList<>();
    private final Deque<ChunkSpec> again = new ConcurrentLinkedDeque<>();
    /** Rests of ranges cut short, registered already: handed out first. */
    private final Deque<Handout> rests = new ArrayDeque<>();

    private final ChunkWindows windows;
    private final long chunkBytes;

    /** @param chunkBytes about how many bytes of a table one chunk reads */
    ChunkPlanner(ChunkWindows windows, long chunkBytes) {
        this.windows = windows;
        this.chunkBytes = chunkBytes;
    }

    /** A table still to load, from {@code lower} (exclusive; null: from its first key), after {@code chunksSent} chunks. */
    synchronized void add(TableCopy table, List<String> lower, long chunksSent) {
        tables.add(new TableState(table, lower, chunksSent, rowsPerChunk(table)));
    }

    /** How many chunks the table's load will have, as far as its statistics tell before it is sampled. */
    long estimateChunks(TableCopy table) {
        return table.keyed()
                ? Math.max(1, (long) Math.ceil(KeyBoundaries.estimatedRows(table) / rowsPerChunk(table)))
                : 1;
    }

    private long rowsPerChunk(TableCopy table) {
        double rows = Math.max(1, KeyBoundaries.estimatedRows(table));
        return Math.max(1000, (long) (chunkBytes / Math.max(1.0, table.sizeBytes() / rows)));
    }

    /**
     * The rest of a range whose read stopped at its row limit: registered now, before the chunk read is reported, so that
     * no later chunk of its table can be sent before it; handed out by {@link #nextRest()}.
     */
    synchronized void rest(ChunkSpec spec) {
        rests.add(new Handout(spec, windows.register(spec)));
    }

    /**
     * The rest of a range cut short, if one waits: handed out whatever the readers' budget, which counts it already (its
     * window is open, and the chunks after it cannot be sent before it).
     */
    synchronized Handout nextRest() {
        return rests.pollFirst();
    }

    /** A chunk whose read failed or must be repeated: handed out again before anything else. */
    void readAgain(ChunkSpec spec) {
        again.addFirst(spec);
    }

    /**
     * The next chunk, registered; null when none is left to hand out now (there may be again later, when a chunk is
     * handed back).
     *
     * @param connection where to sample a table's keys (auto-commit)
     */
    synchronized Handout next(Connection connection) throws SQLException {
        ChunkSpec repeat = again.pollFirst();
        if (repeat != null) {
            return new Handout(repeat, windows.register(repeat));
        }
        for (TableState state : tables) {
            if (state.exhausted) {
                continue;
            }
            ChunkSpec spec = nextOf(state, connection);
            return new Handout(spec, windows.register(spec));
        }
        return null;
    }

    /** Whether every table's last chunk has been handed out and none is to be read again. */
    synchronized boolean handedOut() {
        return again.isEmpty() && rests.isEmpty() && tables.stream().allMatch(t -> t.exhausted);
    }

    /** A table that turned out to be gone: nothing more of it is handed out. */
    synchronized void ended(TableCopy table) {
        tables.stream().filter(t -> t.table.equals(table)).forEach(t -> t.exhausted = true);
    }

    private ChunkSpec nextOf(TableState state, Connection connection) throws SQLException {
        if (state.bounds == null) {
            state.bounds = new ArrayDeque<>(
                    state.table.keyed()
                            ? KeyBoundaries.above(connection, state.table, state.lower, state.rowsPerChunk)
                            : List.of());
            state.sampled = !state.bounds.isEmpty();
        }
        List<String> upper = state.bounds.pollFirst();
        if (upper == null && state.sampled) {
            upper = KeyBoundaries.next(connection, state.table, state.lower, state.rowsPerChunk);
        }
        KeyRange range = new KeyRange(state.lower, upper);
        state.exhausted = upper == null;
        state.lower = upper;
        long number = state.nextNumber;
        state.nextNumber += RESTS;
        state.chunksBefore++;
        return new ChunkSpec(
                state.table,
                number,
                range,
                state.chunksBefore + state.bounds.size() + (state.exhausted ? 0 : 1),
                Math.min(chunkBytes, Math.max(1, state.table.sizeBytes())),
                state.sampled ? ROW_LIMIT_FACTOR * state.rowsPerChunk : 0);
    }
}
