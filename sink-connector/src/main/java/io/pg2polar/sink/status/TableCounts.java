package io.pg2polar.sink.status;

/** What was applied to one table, in one transaction or since the task started. */
final class TableCounts {

    long snapshotRows;
    boolean snapshotRestarted;
    /** The table's last snapshot row or chunk was applied. */
    boolean snapshotDone;
    /** A change that is no snapshot row was applied: the load is over unless a chunked load is under way. */
    boolean changed;
    /** A chunked load of the table began in this transaction (design decision 30). */
    boolean loadBegan;
    /** Whether a chunked load of the table is under way, as far as this task applied it. */
    boolean loading;

    long chunksDone;
    /** The chunks the table's load has, as the source last estimated; negative when unknown. */
    long chunksTotal = -1;

    long inserts;
    long updates;
    long deletes;
    long truncates;
    long ddl;
    long rejected;
    /** Source time of the newest change, ms since the epoch; null when none carried one. */
    Long lastSourceMillis;

    long changes() {
        return inserts + updates + deletes + truncates;
    }

    /** Adds a transaction's counts to a table's: a restarted snapshot replaces the earlier snapshot rows. */
    void add(TableCounts other) {
        long earlierSnapshotRows = other.snapshotRestarted ? 0 : snapshotRows;
        long earlierChunks = other.loadBegan ? 0 : chunksDone;
        boolean wasDone = !other.loadBegan && snapshotDone;
        boolean wasLoading = loading || other.loadBegan;
        sum(other);
        snapshotRows = earlierSnapshotRows + other.snapshotRows;
        chunksDone = earlierChunks + other.chunksDone;
        snapshotDone = wasDone || other.snapshotDone || (other.changed && !wasLoading);
        loading = wasLoading && !other.snapshotDone;
    }

    /** Adds a transaction's counts to totals: every row applied counts, also those a restart threw away. */
    void sum(TableCounts other) {
        snapshotRows += other.snapshotRows;
        snapshotDone |= other.snapshotDone;
        changed |= other.changed;
        chunksDone += other.chunksDone;
        if (other.chunksTotal >= 0) {
            chunksTotal = other.chunksTotal;
        }
        inserts += other.inserts;
        updates += other.updates;
        deletes += other.deletes;
        truncates += other.truncates;
        ddl += other.ddl;
        rejected += other.rejected;
        if (other.lastSourceMillis != null) {
            lastSourceMillis = other.lastSourceMillis;
        }
    }
}
