package io.pg2polar.sink.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.control.CopyChunk;
import io.pg2polar.sink.catalog.TargetCatalog;
import io.pg2polar.sink.catalog.TargetTable;
import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.event.Operation;
import io.pg2polar.sink.jdbc.TargetSession;
import io.pg2polar.sink.schema.ConflictMode;
import io.pg2polar.sink.state.SnapshotAttempts;
import io.pg2polar.sink.status.ApplyProgress;
import io.pg2polar.sink.write.TableChangesWriter;

/** Copy chunks of the full load: a run of consecutive chunks of one table is loaded with one COPY. */
final class CopyChunkHandler implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CopyChunkHandler.class);

    private final TargetSession session;
    private final TargetCatalog catalog;
    private final TableChangesWriter writer;
    private final SnapshotAttempts snapshots;
    private final SnapshotStarts starts;
    private final ConflictMode conflictMode;
    private final ApplyProgress progress;

    CopyChunkHandler(
            TargetSession session,
            TargetCatalog catalog,
            TableChangesWriter writer,
            SnapshotAttempts snapshots,
            SnapshotStarts starts,
            ConflictMode conflictMode,
            ApplyProgress progress) {
        this.session = session;
        this.catalog = catalog;
        this.writer = writer;
        this.snapshots = snapshots;
        this.starts = starts;
        this.conflictMode = conflictMode;
        this.progress = progress;
    }

    @Override
    public int apply(Connection connection, PendingRows pending, List<ChangeEvent> events, int from)
            throws SQLException {
        List<ChangeEvent> run = events.subList(from, copyRunEnd(events, from));
        pending.flush(connection, events.get(from).table());
        loadCopyRun(connection, run);
        run.forEach(progress::applied);
        return run.size();
    }

    @Override
    public void applyOne(Connection connection, ChangeEvent event) throws SQLException {
        try {
            loadCopyRun(connection, List.of(event));
        } catch (SQLException e) {
            // the caller rolls back to before this chunk: what was recorded about snapshots must be read again
            snapshots.clear();
            throw e;
        }
    }

    /**
     * Where the run of chunks starting at {@code from} ends (exclusive): the chunks right after it of the same
     * table, snapshot and columns, up to the table's last. A run is loaded with one COPY. A chunked load's begin
     * marker is a run of its own, and a chunk that replaces the table's rows begins one.
     */
    static int copyRunEnd(List<ChangeEvent> events, int from) {
        ChangeEvent first = events.get(from);
        int end = from + 1;
        if (first.chunk().step() != null && first.chunk().step().begins()) {
            return end;
        }
        while (end < events.size() && !events.get(end - 1).chunk().lastInTable()) {
            ChangeEvent next = events.get(end);
            if (next.operation() != Operation.COPY_CHUNK
                    || !next.table().equals(first.table())
                    || next.chunk().snapshotPosition() != first.chunk().snapshotPosition()
                    || !next.chunk().columns().equals(first.chunk().columns())
                    || (next.chunk().step() != null
                            && (next.chunk().step().begins()
                                    || next.chunk().step().replaces()))) {
                break;
            }
            end++;
        }
        return end;
    }

    /** Consecutive chunks of one table's snapshot: the first may begin the snapshot, the last may end the table's. */
    private void loadCopyRun(Connection connection, List<ChangeEvent> run) throws SQLException {
        ChangeEvent first = run.get(0);
        TargetTable table = catalog.table(connection, first.table());
        CopyChunk.LoadStep step = first.chunk().step();
        if (step == null) {
            if (starts.begins(connection, first)) {
                writer.truncate(connection, table);
                if (!first.chunk().lastInTable()) {
                    writer.deferIndexes(connection, table);
                }
            }
        } else if (step.begins()) {
            beginLoad(connection, table, first.chunk());
        } else if (step.replaces()) {
            writer.truncate(connection, table);
            snapshots.replaceBegins(connection, table.id());
        }
        writer.copy(connection, table, run.stream().map(ChangeEvent::chunk).toList());
        CopyChunk.LoadStep lastStep = run.get(run.size() - 1).chunk().step();
        if (lastStep != null && lastStep.chunkEnd()) {
            snapshots.chunkEnds(connection, table.id());
        }
        if (run.get(run.size() - 1).chunk().lastInTable()) {
            if (step != null) {
                snapshots.loadEnds(connection, first.table());
            }
            boolean[] restored = {false};
            // building a large table's indexes may take longer than any read timeout
            session.withoutReadTimeout(() -> restored[0] = writer.restoreIndexes(connection, table));
            if (restored[0]) {
                catalog.forget(first.table());
            }
        }
    }

    /**
     * A chunked load of the table begins (design decision 30): rows of an earlier load go (not with conflict.mode =
     * ignore), and its plain indexes are built after its last chunk when it has several.
     */
    private void beginLoad(Connection connection, TargetTable table, CopyChunk marker) throws SQLException {
        boolean newer = snapshots.loadBegins(connection, table.id(), marker.snapshotPosition());
        if (!newer) {
            return;
        }
        if (conflictMode != ConflictMode.IGNORE && writer.hasRows(connection, table)) {
            LOG.info(
                    "{} receives a new full load (from WAL position {}); emptying it first",
                    table.id(),
                    marker.snapshotPosition());
            writer.truncate(connection, table);
            progress.snapshotRestarted(table.id());
        }
        if (marker.step().chunks() > 1) {
            writer.deferIndexes(connection, table);
        }
    }
}
