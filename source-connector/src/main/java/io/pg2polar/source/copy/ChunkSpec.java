package io.pg2polar.source.copy;

/**
 * One chunk of a table's full load: a key range read in one transaction.
 *
 * @param number         0 for the table's first chunk of this load, then 1, 2, ...
 * @param chunksEstimate how many chunks the table's load has, as far as the planner knows
 * @param plannedBytes   about how many bytes of the table it reads, at most {@code snapshot.range.bytes}: readers keep
 *                       the chunks read and not yet sent within a budget of these
 */
public record ChunkSpec(TableCopy table, long number, KeyRange range, long chunksEstimate, long plannedBytes) {

    @Override
    public String toString() {
        return table.table() + " chunk " + (number + 1) + "/" + chunksEstimate;
    }
}
