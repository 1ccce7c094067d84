package io.pg2polar.common.sink;

import java.time.Instant;

/**
 * What one sink connector applied to one target table, its row of {@code pg2polar.table_progress} (written by the
 * sink in the transaction that applies the rows, read by {@link TableProgressReader}).
 *
 * @param lastLatencyMillis source commit to target commit of the newest change; null before the first change
 * @param lastAppliedAt     null before anything was applied
 */
public record TableProgress(long snapshotRows, boolean snapshotDone, long inserts, long updates, long deletes, long truncates, long ddl,
                            long rejected, Long lastLatencyMillis, Instant lastAppliedAt) {

    /** Changes applied after the snapshot, of every kind but DDL. */
    public long changes() {
        return inserts + updates + deletes + truncates;
    }
}
