package io.pg2polar.sink.apply;

import java.sql.Connection;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.schema.ConflictMode;
import io.pg2polar.sink.state.SnapshotAttempts;
import io.pg2polar.sink.status.ApplyProgress;

/** Tells when a snapshot row comes from a newer snapshot than the table's rows, so the table must be emptied first. */
final class SnapshotStarts {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStarts.class);

    private final SnapshotAttempts snapshots;
    private final ConflictMode conflictMode;
    private final ApplyProgress progress;

    SnapshotStarts(SnapshotAttempts snapshots, ConflictMode conflictMode, ApplyProgress progress) {
        this.snapshots = snapshots;
        this.conflictMode = conflictMode;
        this.progress = progress;
    }

    /** True when the event begins a newer snapshot of its table (never with conflict.mode = ignore, which keeps what the target held). */
    boolean begins(Connection connection, ChangeEvent event) throws SQLException {
        Long position = event.snapshotPosition();
        if (conflictMode == ConflictMode.IGNORE) {
            return false;
        }
        if (position == null || !snapshots.begins(connection, event.table(), position)) {
            return false;
        }
        LOG.info(
                "{} receives the rows of the snapshot taken at WAL position {}; emptying it first",
                event.table(),
                position);
        progress.snapshotRestarted(event.table());
        return true;
    }
}
