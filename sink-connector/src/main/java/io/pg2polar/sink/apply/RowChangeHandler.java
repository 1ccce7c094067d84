package io.pg2polar.sink.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.pg2polar.sink.catalog.TargetCatalog;
import io.pg2polar.sink.catalog.TargetTable;
import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.event.Operation;
import io.pg2polar.sink.state.SnapshotAttempts;
import io.pg2polar.sink.status.ApplyProgress;
import io.pg2polar.sink.write.TableChanges;
import io.pg2polar.sink.write.TableChangesWriter;

/** Row changes (snapshot reads, inserts, updates, deletes): collected per table and written as one batch per table. */
final class RowChangeHandler implements EventHandler {

    private final TargetCatalog catalog;
    private final TableChangesWriter writer;
    private final SnapshotAttempts snapshots;
    private final SnapshotStarts starts;
    private final ApplyProgress progress;

    RowChangeHandler(
            TargetCatalog catalog,
            TableChangesWriter writer,
            SnapshotAttempts snapshots,
            SnapshotStarts starts,
            ApplyProgress progress) {
        this.catalog = catalog;
        this.writer = writer;
        this.snapshots = snapshots;
        this.starts = starts;
        this.progress = progress;
    }

    @Override
    public int apply(Connection connection, PendingRows pending, List<ChangeEvent> events, int from)
            throws SQLException {
        ChangeEvent event = events.get(from);
        if (replaced(connection, event)) {
            return 1;
        }
        if (starts.begins(connection, event)) {
            pending.flush(connection, event.table());
            writer.truncate(connection, catalog.table(connection, event.table()));
        }
        TableChanges changes = pending.get(event.table());
        if (changes == null) {
            changes = pending.begin(
                    catalog.table(connection, event.table()), snapshots.loading(connection, event.table()));
        }
        changes.add(event);
        progress.applied(event);
        return 1;
    }

    @Override
    public void applyOne(Connection connection, ChangeEvent event) throws SQLException {
        TargetTable table = catalog.table(connection, event.table());
        try {
            if (replaced(connection, event)) {
                return;
            }
            if (starts.begins(connection, event)) {
                writer.truncate(connection, table);
            }
            writer.applyOne(connection, table, event);
        } catch (SQLException e) {
            // the caller rolls back to before this change: what was recorded about snapshots must be read again
            snapshots.clear();
            throw e;
        }
    }

    /** A chunk that holds the whole table is being loaded over it: this change is in it or sent again after it. */
    boolean replaced(Connection connection, ChangeEvent event) throws SQLException {
        return event.operation() != Operation.READ && snapshots.replacing(connection, event.table());
    }
}
