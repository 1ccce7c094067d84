package io.pg2polar.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.control.CopyChunk;
import io.pg2polar.common.control.SchemaChange;
import io.pg2polar.common.jdbc.SqlStates;
import io.pg2polar.common.sink.TargetStateSchema;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.catalog.TargetCatalog;
import io.pg2polar.sink.catalog.TargetTable;
import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.event.DebeziumEnvelopeDecoder;
import io.pg2polar.sink.event.MalformedRecordException;
import io.pg2polar.sink.event.Operation;
import io.pg2polar.sink.fk.ForeignKeyMode;
import io.pg2polar.sink.fk.ForeignKeySuspension;
import io.pg2polar.sink.fk.ForeignKeySuspensions;
import io.pg2polar.sink.jdbc.TargetSession;
import io.pg2polar.sink.retry.RetryLaterException;
import io.pg2polar.sink.schema.ConflictMode;
import io.pg2polar.sink.schema.RenameOrder;
import io.pg2polar.sink.schema.SchemaApplier;
import io.pg2polar.sink.sequence.SequenceStates;
import io.pg2polar.sink.retry.RetryWindows;
import io.pg2polar.sink.state.AppliedOffsets;
import io.pg2polar.sink.state.SnapshotAttempts;
import io.pg2polar.sink.status.ApplyProgress;
import io.pg2polar.sink.write.FailureIsolation;
import io.pg2polar.sink.write.RejectedChange;
import io.pg2polar.sink.write.TableChanges;
import io.pg2polar.sink.write.TableChangesWriter;

/**
 * Applies the records of one {@code put} to the target in one transaction, together with the offsets they
 * came from: records already applied are skipped, each table's changes are written as a batch, and the commit
 * makes rows and offsets durable at once. A lost connection is retried within {@code connection.retry.window},
 * a rejected change within {@code apply.retry.window}; then the task fails naming table, key and cause, or,
 * with an errant record reporter, the rejected records are reported and the rest is applied.
 */
public final class ChangeApplier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeApplier.class);

    private final TargetSession session;
    private final TargetCatalog catalog;
    private final DebeziumEnvelopeDecoder decoder;
    private final TableChangesWriter writer;
    private final AppliedOffsets offsets;
    private final SnapshotAttempts snapshots;
    private final RetryWindows retries;
    private final ForeignKeyMode foreignKeyMode;
    private final SchemaApplier schemaApplier;
    private final ConflictMode conflictMode;
    private final ErrantRecordReporter reporter;
    private final ApplyProgress progress;
    private final RenameOrder renameOrder;
    private final SequenceStates sequenceStates;
    private final AtomicLong reportedRecords = new AtomicLong();
    private boolean targetPrepared;

    /**
     * @param reporter where rejected records go with {@code errors.tolerance=all}; null makes them fail the task
     */
    public ChangeApplier(TargetSession session, DebeziumEnvelopeDecoder decoder, TableChangesWriter writer, AppliedOffsets offsets,
                         SnapshotAttempts snapshots, RetryWindows retries, ForeignKeyMode foreignKeyMode, SchemaApplier schemaApplier,
                         ConflictMode conflictMode, ErrantRecordReporter reporter, ApplyProgress progress, RenameOrder renameOrder) {
        this.session = session;
        this.catalog = new TargetCatalog(session.endpoint().describe());
        this.decoder = decoder;
        this.writer = writer;
        this.offsets = offsets;
        this.snapshots = snapshots;
        this.retries = retries;
        this.foreignKeyMode = foreignKeyMode;
        this.schemaApplier = schemaApplier;
        this.conflictMode = conflictMode;
        this.reporter = reporter;
        this.progress = progress;
        this.renameOrder = renameOrder;
        this.sequenceStates = new SequenceStates(reporter == null ? null : this::report);
    }

    /**
     * The offsets to resume the newly assigned partitions from. When the target cannot be reached now, returns
     * nothing: {@link #apply} reads them before it writes, so no record is applied twice either way.
     */
    public Map<TopicPartition, Long> resumeOffsets(Collection<TopicPartition> partitions) {
        try {
            Connection connection = session.connection();
            prepareTarget(connection);
            return offsets.load(connection, partitions);
        }
        catch (SQLException e) {
            session.recover(e);
            LOG.warn("Could not read applied offsets from the target yet ({}); they are read before the first write", e.getMessage());
            return Map.of();
        }
    }

    public void forget(Collection<TopicPartition> partitions) {
        offsets.forget(partitions);
    }

    public Map<TopicPartition, Long> committedOffsets(Collection<TopicPartition> partitions) {
        return offsets.committedFor(partitions);
    }

    /** How many records went to the errant record reporter since the task started. */
    public long reportedRecords() {
        return reportedRecords.get();
    }

    /**
     * Applies the records in one transaction, except those of a partition held back at a table rename (see
     * {@link RenameOrder}).
     *
     * @return the held-back partitions with the offset to read each again from; usually none
     * @throws RetryLaterException when nothing was applied but a later attempt may succeed
     * @throws ConnectException    when the target keeps rejecting a change, naming it
     */
    public Map<TopicPartition, Long> apply(Collection<SinkRecord> records) {
        List<ChangeEvent> events = List.of();
        Collection<SinkRecord> applying = records;
        Map<TopicPartition, Long> held = Map.of();
        try {
            Connection connection = session.connection();
            prepareTarget(connection);
            offsets.load(connection, partitionsOf(records));
            List<SinkRecord> fresh = records.stream().filter(r -> !offsets.isApplied(r)).toList();
            if (fresh.isEmpty()) {
                return Map.of();
            }
            events = decode(fresh);
            held = renameOrder.heldBack(connection, events);
            if (!held.isEmpty()) {
                Map<TopicPartition, Long> holding = held;
                fresh = fresh.stream().filter(r -> !RenameOrder.isHeld(holding, AppliedOffsets.partitionOf(r), r.kafkaOffset())).toList();
                events = events.stream()
                        .filter(e -> !RenameOrder.isHeld(holding, AppliedOffsets.partitionOf(e.origin()), e.origin().kafkaOffset())).toList();
            }
            applying = fresh;
            applyEvents(connection, events);
            commit(connection, fresh);
            return held;
        }
        catch (SQLException e) {
            session.recover(e);
            snapshots.clear();
            progress.discard();
            onFailure(e, applying, events);
            return held;
        }
        catch (RuntimeException e) {
            session.recover(e);
            snapshots.clear();
            progress.discard();
            throw e;
        }
    }

    /** Once per task: the pg2polar schema and the way foreign keys are suspended. */
    private void prepareTarget(Connection connection) throws SQLException {
        if (targetPrepared) {
            return;
        }
        TargetStateSchema.install(connection);
        ForeignKeySuspension suspension = ForeignKeySuspensions.choose(foreignKeyMode, connection, session.endpoint().user());
        suspension.prepareTarget(connection);
        session.useForeignKeySuspension(suspension);
        schemaApplier.holdBackForeignKeys(suspension.holdsBack());
        connection.commit();
        LOG.info("Applying to {}: {}", session.endpoint().describe(), suspension.describe());
        targetPrepared = true;
    }

    private List<ChangeEvent> decode(List<SinkRecord> records) {
        List<ChangeEvent> events = new ArrayList<>(records.size());
        for (SinkRecord record : records) {
            try {
                decoder.decode(record).ifPresent(events::add);
            }
            catch (MalformedRecordException e) {
                if (reporter == null) {
                    throw e;
                }
                report(record, e);
            }
        }
        return events;
    }

    private void applyEvents(Connection connection, List<ChangeEvent> events) throws SQLException {
        Map<TableId, TableChanges> pending = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            ChangeEvent event = events.get(i);
            if (event.operation() == Operation.HEARTBEAT) {
                progress.applied(event);
                continue;
            }
            if (event.operation() == Operation.SEQUENCE_STATE) {
                sequenceStates.apply(connection, event);
                continue;
            }
            if (event.operation() == Operation.SCHEMA_CHANGE) {
                flush(connection, pending, event.table());
                if (event.schemaChange().previous() != null) {
                    flush(connection, pending, event.schemaChange().previous());
                }
                applySchemaChange(connection, event);
                progress.applied(event);
                continue;
            }
            if (event.operation() == Operation.COPY_CHUNK) {
                List<ChangeEvent> run = events.subList(i, copyRunEnd(events, i));
                flush(connection, pending, event.table());
                loadCopyRun(connection, run);
                run.forEach(progress::applied);
                i += run.size() - 1;
                continue;
            }
            if (event.operation().changesRows() && event.operation() != Operation.READ && snapshots.replacing(connection, event.table())) {
                // a chunk that holds the whole table is being loaded over it: this change is in it or sent again after it
                continue;
            }
            if (event.operation() == Operation.TRUNCATE || beginsNewSnapshot(connection, event)) {
                TableChanges before = pending.remove(event.table());
                if (before != null) {
                    writer.write(connection, before);
                }
                writer.truncate(connection, catalog.table(connection, event.table()));
            }
            if (event.operation() != Operation.TRUNCATE) {
                TableChanges changes = pending.get(event.table());
                if (changes == null) {
                    changes = TableChanges.forTable(catalog.table(connection, event.table()), snapshots.loading(connection, event.table()));
                    pending.put(event.table(), changes);
                }
                changes.add(event);
            }
            progress.applied(event);
        }
        for (TableChanges changes : pending.values()) {
            writer.write(connection, changes);
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
            if (next.operation() != Operation.COPY_CHUNK || !next.table().equals(first.table())
                    || next.chunk().snapshotPosition() != first.chunk().snapshotPosition()
                    || !next.chunk().columns().equals(first.chunk().columns())
                    || (next.chunk().step() != null && (next.chunk().step().begins() || next.chunk().step().replaces()))) {
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
            if (beginsNewSnapshot(connection, first)) {
                writer.truncate(connection, table);
                if (!first.chunk().lastInTable()) {
                    writer.deferIndexes(connection, table);
                }
            }
        }
        else if (step.begins()) {
            beginLoad(connection, table, first.chunk());
        }
        else if (step.replaces()) {
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
            LOG.info("{} receives a new full load (from WAL position {}); emptying it first", table.id(), marker.snapshotPosition());
            writer.truncate(connection, table);
            progress.snapshotRestarted(table.id());
        }
        if (marker.step().chunks() > 1) {
            writer.deferIndexes(connection, table);
        }
    }

    private void flush(Connection connection, Map<TableId, TableChanges> pending, TableId table) throws SQLException {
        TableChanges changes = pending.remove(table);
        if (changes != null) {
            writer.write(connection, changes);
        }
    }

    private void applySchemaChange(Connection connection, ChangeEvent event) throws SQLException {
        SchemaChange change = event.schemaChange();
        // a schema change may rewrite a table or build an index, which takes as long as it takes
        session.withoutReadTimeout(() -> schemaApplier.apply(connection, change));
        catalog.forget(change.table());
        if (change.previous() != null) {
            catalog.forget(change.previous());
        }
    }

    /**
     * True when a snapshot row comes from a newer snapshot than the table's rows: the table must be emptied first
     * (not with conflict.mode = ignore, which keeps what the target held).
     */
    private boolean beginsNewSnapshot(Connection connection, ChangeEvent event) throws SQLException {
        Long position = event.snapshotPosition();
        if (conflictMode == ConflictMode.IGNORE) {
            return false;
        }
        if (position == null || !snapshots.begins(connection, event.table(), position)) {
            return false;
        }
        LOG.info("{} receives the rows of the snapshot taken at WAL position {}; emptying it first", event.table(), position);
        progress.snapshotRestarted(event.table());
        return true;
    }

    private void commit(Connection connection, Collection<SinkRecord> records) throws SQLException {
        Map<TopicPartition, Long> saved = offsets.save(connection, records);
        progress.save(connection);
        connection.commit();
        offsets.committed(saved);
        progress.committed();
        retries.succeeded();
    }

    private void onFailure(SQLException failure, Collection<SinkRecord> records, List<ChangeEvent> events) {
        SQLException cause = TableChangesWriter.serverError(failure);
        if (SqlStates.isPermissionProblem(cause)) {
            throw new ConnectException("Target user '" + session.endpoint().user() + "' lacks a privilege on "
                    + session.endpoint().describe() + ": " + cause.getMessage() + ". The sink needs to own the target tables"
                    + " (as DTS requires a database owner) and to create the schema pg2polar (GRANT CREATE ON DATABASE).", failure);
        }
        boolean connectionLost = SqlStates.isConnectionLoss(cause);
        RetryWindows.Kind kind = connectionLost || SqlStates.isTransient(cause) ? RetryWindows.Kind.CONNECTION : RetryWindows.Kind.APPLY;
        Optional<Duration> backoff = retries.failed(kind);
        if (connectionLost) {
            catalog.clear();
        }
        if (backoff.isPresent()) {
            LOG.warn("Applying {} records to {} failed ({}); nothing was committed, retrying in {} s (failing for {} s of the {} min {})",
                    records.size(), session.endpoint().describe(), cause.getMessage(), backoff.get().toSeconds(),
                    retries.failingFor().toSeconds(), retries.window(kind).toMinutes(), windowName(kind));
            throw new RetryLaterException("Applying to the target failed: " + cause.getMessage(), backoff.get(), failure);
        }
        if (kind == RetryWindows.Kind.CONNECTION) {
            throw new ConnectException("The target " + session.endpoint().describe() + " could not be reached or kept failing for "
                    + retries.failingFor().toMinutes() + " min (" + windowName(kind) + "): " + cause.getMessage()
                    + ". Nothing since the last commit was applied; restart the task when the target is back.", failure);
        }
        settleRejected(records, events, failure);
    }

    /** The apply window has closed: name the rejected change, or report every rejected one and apply the rest. */
    private void settleRejected(Collection<SinkRecord> records, List<ChangeEvent> events, SQLException failure) {
        try {
            Connection connection = session.connection();
            List<RejectedChange> rejected = new FailureIsolation(catalog, this::applyOne).apply(connection, events, reporter == null);
            if (!rejected.isEmpty() && reporter == null) {
                connection.rollback();
                throw new ConnectException("The target rejected the " + rejected.get(0).describe() + " for "
                        + retries.failingFor().toMinutes() + " min (" + windowName(RetryWindows.Kind.APPLY) + "). Fix the target"
                        + " or the data and restart the task, or set errors.tolerance=all with a dead letter queue to set such"
                        + " records aside.", rejected.get(0).cause());
            }
            Set<ChangeEvent> rejectedEvents = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (RejectedChange change : rejected) {
                report(change.event().origin(), new ConnectException("Rejected by the target: " + change.describe(), change.cause()));
                rejectedEvents.add(change.event());
                progress.rejected(change.event());
            }
            events.stream().filter(e -> !rejectedEvents.contains(e)).forEach(progress::applied);
            commit(connection, records);
        }
        catch (SQLException e) {
            session.recover(e);
            snapshots.clear();
            progress.discard();
            e.addSuppressed(failure);
            throw new RetryLaterException("Lost the target while isolating a rejected change: " + e.getMessage(), Duration.ofSeconds(1), e);
        }
    }

    /** One change on its own, as the source made it: the path of failure isolation. */
    private void applyOne(Connection connection, ChangeEvent event) throws SQLException {
        if (event.operation() == Operation.HEARTBEAT) {
            return;
        }
        if (event.operation() == Operation.SEQUENCE_STATE) {
            sequenceStates.apply(connection, event);
            return;
        }
        if (event.operation() == Operation.SCHEMA_CHANGE) {
            applySchemaChange(connection, event);
            return;
        }
        TargetTable table = catalog.table(connection, event.table());
        try {
            if (event.operation().changesRows() && event.operation() != Operation.READ && snapshots.replacing(connection, event.table())) {
                return;
            }
            if (event.operation() == Operation.COPY_CHUNK) {
                loadCopyRun(connection, List.of(event));
                return;
            }
            if (beginsNewSnapshot(connection, event)) {
                writer.truncate(connection, table);
            }
            writer.applyOne(connection, table, event);
        }
        catch (SQLException e) {
            // the caller rolls back to before this change: what was recorded about snapshots must be read again
            snapshots.clear();
            throw e;
        }
    }

    /** Hands a record to the errant record reporter and waits until it is stored, so nothing is dropped silently. */
    private void report(SinkRecord record, Exception problem) {
        try {
            reporter.report(record, problem).get();
            reportedRecords.incrementAndGet();
            LOG.warn("Set aside record {}[{}]@{} ({} so far): {}", record.topic(), record.kafkaPartition(), record.kafkaOffset(),
                    reportedRecords.get(), problem.getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while reporting a rejected record", e);
        }
        catch (ExecutionException e) {
            throw new ConnectException("Could not hand a rejected record to the errant record reporter: " + e.getCause().getMessage(), e);
        }
    }

    private static String windowName(RetryWindows.Kind kind) {
        return kind == RetryWindows.Kind.CONNECTION ? Pg2PolarSinkConfig.CONNECTION_RETRY_WINDOW : Pg2PolarSinkConfig.APPLY_RETRY_WINDOW;
    }

    private static Set<TopicPartition> partitionsOf(Collection<SinkRecord> records) {
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        records.forEach(r -> partitions.add(AppliedOffsets.partitionOf(r)));
        return partitions;
    }

    @Override
    public void close() {
        session.close();
    }
}
