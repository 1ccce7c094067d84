package io.pg2polar.sink.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.pg2polar.common.control.SchemaChange;
import io.pg2polar.sink.catalog.TargetCatalog;
import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.jdbc.TargetSession;
import io.pg2polar.sink.schema.SchemaApplier;
import io.pg2polar.sink.status.ApplyProgress;

/** A table's definition after captured DDL (or at its snapshot): the target's schema follows, after the table's pending rows. */
final class SchemaChangeHandler implements EventHandler {

    private final TargetSession session;
    private final SchemaApplier schemaApplier;
    private final TargetCatalog catalog;
    private final ApplyProgress progress;

    SchemaChangeHandler(
            TargetSession session, SchemaApplier schemaApplier, TargetCatalog catalog, ApplyProgress progress) {
        this.session = session;
        this.schemaApplier = schemaApplier;
        this.catalog = catalog;
        this.progress = progress;
    }

    @Override
    public int apply(Connection connection, PendingRows pending, List<ChangeEvent> events, int from)
            throws SQLException {
        ChangeEvent event = events.get(from);
        pending.flush(connection, event.table());
        if (event.schemaChange().previous() != null) {
            pending.flush(connection, event.schemaChange().previous());
        }
        applyOne(connection, event);
        progress.applied(event);
        return 1;
    }

    @Override
    public void applyOne(Connection connection, ChangeEvent event) throws SQLException {
        SchemaChange change = event.schemaChange();
        // a schema change may rewrite a table or build an index, which takes as long as it takes
        session.withoutReadTimeout(() -> schemaApplier.apply(connection, change));
        catalog.forget(change.table());
        if (change.previous() != null) {
            catalog.forget(change.previous());
        }
    }
}
