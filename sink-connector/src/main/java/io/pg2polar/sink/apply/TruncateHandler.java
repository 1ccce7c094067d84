package io.pg2polar.sink.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.pg2polar.sink.catalog.TargetCatalog;
import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.status.ApplyProgress;
import io.pg2polar.sink.write.TableChangesWriter;

/** A TRUNCATE of the source: the table's pending rows are written first, then the table is emptied. */
final class TruncateHandler implements EventHandler {

    private final TargetCatalog catalog;
    private final TableChangesWriter writer;
    private final RowChangeHandler rows;
    private final ApplyProgress progress;

    TruncateHandler(TargetCatalog catalog, TableChangesWriter writer, RowChangeHandler rows, ApplyProgress progress) {
        this.catalog = catalog;
        this.writer = writer;
        this.rows = rows;
        this.progress = progress;
    }

    @Override
    public int apply(Connection connection, PendingRows pending, List<ChangeEvent> events, int from)
            throws SQLException {
        ChangeEvent event = events.get(from);
        if (rows.replaced(connection, event)) {
            return 1;
        }
        pending.flush(connection, event.table());
        writer.truncate(connection, catalog.table(connection, event.table()));
        progress.applied(event);
        return 1;
    }

    /** On its own a truncate goes the way of a single row change: the writer empties the table. */
    @Override
    public void applyOne(Connection connection, ChangeEvent event) throws SQLException {
        rows.applyOne(connection, event);
    }
}
