package io.pg2polar.source.copy;

import java.util.List;

/**
 * One chunk of a table's full load: a key range read in one transaction.
 *
 * @param number         where the chunk goes among its table's chunks of this run (they are sent in this order); the
 *                       planner leaves room after each for the rest of a range cut short ({@link #rowLimit})
 * @param chunksEstimate how many chunks the table's load has, as far as the planner knows
 * @param plannedBytes   about how many bytes of the table it reads, at most {@code snapshot.range.bytes}: readers keep
 *                       the chunks read and not yet sent within a budget of these
 * @param rowLimit       at most this many rows are read (0: the whole range): a range the key sample cut too wide
 *                       ends at the last key read, and the rest of it follows as a chunk of its own
 */
public record ChunkSpec(
        TableCopy table, long number, KeyRange range, long chunksEstimate, long plannedBytes, long rowLimit) {

    /** The chunk as read when it stopped at its row limit: up to {@code lastKey}, read whole if read again. */
    ChunkSpec cutAt(List<String> lastKey) {
        return new ChunkSpec(table, number, new KeyRange(range.lower(), lastKey), chunksEstimate, plannedBytes, 0);
    }

    /** The rest of the range after a cut at {@code lastKey}, placed right after this chunk. */
    ChunkSpec restAfter(List<String> lastKey) {
        return new ChunkSpec(
                table, number + 1, new KeyRange(lastKey, range.upper()), chunksEstimate + 1, plannedBytes, rowLimit);
    }

    @Override
    public String toString() {
        return table.table() + " chunk " + (number + 1) + "/" + chunksEstimate;
    }
}
