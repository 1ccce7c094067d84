package io.pg2polar.common.sink;

import java.time.Instant;

/**
 * What one sink connector applied to one target table, its row of {@code pg2polar.table_progress} (written by the
 * sink in the transaction that applies the rows, read by {@link TableProgressReader}).
 *
 * @param lastLatencyMillis source commit to target commit of the newest change; null before the first change
 * @param lastAppliedAt     null before anything was applied
 * @param loading           a chunked load of the table is under way (design decision 30): changes stream meanwhile
 * @param chunksDone        chunks of its load applied
 * @param chunksTotal       chunks its load has, as far as the source knew; 0 for a load not read in chunks
 */
public record TableProgress(
        long snapshotRows,
        boolean snapshotDone,
        long inserts,
        long updates,
        long deletes,
        long truncates,
        long ddl,
        long rejected,
        Long lastLatencyMillis,
        Instant lastAppliedAt,
        boolean loading,
        long chunksDone,
        long chunksTotal) {

    /** Changes applied after the snapshot, of every kind but DDL. */
    public long changes() {
        return inserts + updates + deletes + truncates;
    }
}
