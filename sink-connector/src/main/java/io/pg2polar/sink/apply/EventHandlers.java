package io.pg2polar.sink.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.pg2polar.sink.catalog.TargetCatalog;
import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.event.Operation;
import io.pg2polar.sink.jdbc.TargetSession;
import io.pg2polar.sink.schema.ConflictMode;
import io.pg2polar.sink.schema.SchemaApplier;
import io.pg2polar.sink.sequence.SequenceStates;
import io.pg2polar.sink.state.SnapshotAttempts;
import io.pg2polar.sink.status.ApplyProgress;
import io.pg2polar.sink.write.TableChangesWriter;

/** Routes each event to the handler of its kind: rows, truncate, copy chunk, schema change, sequence state, heartbeat. */
public final class EventHandlers {

    private final TableChangesWriter writer;
    private final Map<Operation, EventHandler> byOperation = new EnumMap<>(Operation.class);

    public EventHandlers(
            TargetSession session,
            TargetCatalog catalog,
            TableChangesWriter writer,
            SnapshotAttempts snapshots,
            SchemaApplier schemaApplier,
            SequenceStates sequenceStates,
            ConflictMode conflictMode,
            ApplyProgress progress) {
        this.writer = writer;
        SnapshotStarts starts = new SnapshotStarts(snapshots, conflictMode, progress);
        RowChangeHandler rows = new RowChangeHandler(catalog, writer, snapshots, starts, progress);
        for (Operation operation : List.of(Operation.READ, Operation.CREATE, Operation.UPDATE, Operation.DELETE)) {
            byOperation.put(operation, rows);
        }
        byOperation.put(Operation.TRUNCATE, new TruncateHandler(catalog, writer, rows, progress));
        byOperation.put(
                Operation.COPY_CHUNK,
                new CopyChunkHandler(session, catalog, writer, snapshots, starts, conflictMode, progress));
        byOperation.put(Operation.SCHEMA_CHANGE, new SchemaChangeHandler(session, schemaApplier, catalog, progress));
        byOperation.put(Operation.SEQUENCE_STATE, new SequenceStateHandler(sequenceStates));
        byOperation.put(Operation.HEARTBEAT, new HeartbeatHandler(progress));
    }

    /** Applies a batch's events in source order in the caller's transaction, each table's row changes as one batch. */
    public void applyAll(Connection connection, List<ChangeEvent> events) throws SQLException {
        PendingRows pending = new PendingRows(writer);
        for (int i = 0; i < events.size(); ) {
            i += handler(events.get(i)).apply(connection, pending, events, i);
        }
        pending.flushAll(connection);
    }

    /** Applies one event on its own: the path of failure isolation. */
    public void applyOne(Connection connection, ChangeEvent event) throws SQLException {
        handler(event).applyOne(connection, event);
    }

    private EventHandler handler(ChangeEvent event) {
        EventHandler handler = byOperation.get(event.operation());
        if (handler == null) {
            throw new IllegalStateException("No handler for " + event.operation() + " events");
        }
        return handler;
    }
}
