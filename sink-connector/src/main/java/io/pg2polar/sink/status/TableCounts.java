package io.pg2polar.sink.status;

/** What was applied to one table, in one transaction or since the task started. */
final class TableCounts {

    long snapshotRows;
    boolean snapshotRestarted;
    boolean snapshotDone;
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
        sum(other);
        snapshotRows = earlierSnapshotRows + other.snapshotRows;
    }

    /** Adds a transaction's counts to totals: every row applied counts, also those a restart threw away. */
    void sum(TableCounts other) {
        snapshotRows += other.snapshotRows;
        snapshotDone |= other.snapshotDone;
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
