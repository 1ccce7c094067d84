package io.pg2polar.controlplane;

import java.util.Optional;

import io.pg2polar.common.sink.TableProgress;

/** The phase of one table in a migration's status, from what the sink applied to it and the snapshot's state. */
final class TablePhase {

    private TablePhase() {}

    /**
     * @param applied           the table's progress row on the target, empty when the sink recorded nothing for it
     * @param snapshotCompleted the sink connector applied the snapshot's last row (any of its tasks)
     * @param onTarget          the table exists on the target
     * @param streams           the migration streams changes after its load
     */
    static String of(Optional<TableProgress> applied, boolean snapshotCompleted, boolean onTarget, boolean streams) {
        String done = streams ? "incremental" : "completed";
        if (applied.isPresent()) {
            TableProgress row = applied.get();
            // a chunked load streams changes while it loads: the table is loaded when its last chunk is
            boolean loaded = row.snapshotDone() || (!row.loading() && (row.changes() > 0 || snapshotCompleted));
            return loaded ? done : row.loading() || row.snapshotRows() > 0 ? "full-load" : "schema";
        }
        if (snapshotCompleted) {
            // an empty table; another sink task may have completed the snapshot before this table's creation committed
            return onTarget ? done : "pending";
        }
        return onTarget ? "schema" : "pending";
    }
}
