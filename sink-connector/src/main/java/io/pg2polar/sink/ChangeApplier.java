package io.pg2polar.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.ChangeEventConventions;
import io.pg2polar.sink.apply.ApplyFailurePolicy;
import io.pg2polar.sink.apply.BatchCommit;
import io.pg2polar.sink.apply.ErrantRecords;
import io.pg2polar.sink.apply.EventHandlers;
import io.pg2polar.sink.apply.TargetPreparation;
import io.pg2polar.sink.catalog.TargetCatalog;
import io.pg2polar.sink.dialect.TargetDialect;
import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.event.DebeziumEnvelopeDecoder;
import io.pg2polar.sink.event.MalformedRecordException;
import io.pg2polar.sink.jdbc.TargetSession;
import io.pg2polar.sink.retry.RetryLaterException;
import io.pg2polar.sink.retry.RetryWindows;
import io.pg2polar.sink.schema.ConflictMode;
import io.pg2polar.sink.schema.RenameOrder;
import io.pg2polar.sink.schema.SchemaApplier;
import io.pg2polar.sink.sequence.SequenceStates;
import io.pg2polar.sink.state.AppliedOffsets;
import io.pg2polar.sink.state.SnapshotAttempts;
import io.pg2polar.sink.status.ApplyProgress;
import io.pg2polar.sink.status.SinkTaskMetrics;
import io.pg2polar.sink.value.PgTextEncoder;
import io.pg2polar.sink.write.DeferredIndexes;
import io.pg2polar.sink.write.TableChangesWriter;

/**
 * Applies the records of one {@code put} to the target in one transaction, together with the offsets they
 * came from: records already applied are skipped, each event goes to the handler of its kind ({@link EventHandlers}),
 * and the commit makes rows and offsets durable at once. A failed batch is rolled back and handed to the
 * {@link ApplyFailurePolicy}.
 */
public final class ChangeApplier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeApplier.class);

    private final TargetSession session;
    private final TargetPreparation preparation;
    private final DebeziumEnvelopeDecoder decoder;
    private final ErrantRecords errantRecords;
    private final AppliedOffsets offsets;
    private final RenameOrder renameOrder;
    private final EventHandlers handlers;
    private final BatchCommit batches;
    private final ApplyFailurePolicy failures;

    private ChangeApplier(
            TargetSession session,
            TargetPreparation preparation,
            DebeziumEnvelopeDecoder decoder,
            ErrantRecords errantRecords,
            AppliedOffsets offsets,
            RenameOrder renameOrder,
            EventHandlers handlers,
            BatchCommit batches,
            ApplyFailurePolicy failures) {
        this.session = session;
        this.preparation = preparation;
        this.decoder = decoder;
        this.errantRecords = errantRecords;
        this.offsets = offsets;
        this.renameOrder = renameOrder;
        this.handlers = handlers;
        this.batches = batches;
        this.failures = failures;
    }

    /**
     * The applier of a task with the given settings.
     *
     * @param reporter where rejected records go with {@code errors.tolerance=all}; null makes them fail the task
     */
    public static ChangeApplier forConfig(
            Pg2PolarSinkConfig config, ErrantRecordReporter reporter, SinkTaskMetrics metrics) {
        TargetDialect dialect = config.dialect();
        TargetSession session =
                new TargetSession(config.targetEndpoint(), dialect, config.connectTimeout(), config.readTimeout());
        TargetCatalog catalog =
                new TargetCatalog(dialect.state(), session.endpoint().describe());
        ErrantRecords errantRecords = new ErrantRecords(reporter);
        SnapshotAttempts snapshots = new SnapshotAttempts(dialect.state(), config.connectorName());
        AppliedOffsets offsets = new AppliedOffsets(dialect.state(), config.connectorName());
        ApplyProgress progress = new ApplyProgress(dialect.state(), config.connectorName(), metrics, Clock.systemUTC());
        RetryWindows retries =
                new RetryWindows(config.connectionRetryWindow(), config.applyRetryWindow(), Clock.systemUTC());
        SchemaApplier schemaApplier = new SchemaApplier(dialect, config.conflictMode(), snapshots);
        TableChangesWriter writer = new TableChangesWriter(
                dialect,
                config.conflictMode() == ConflictMode.IGNORE,
                new DeferredIndexes(config.deferIndexes(), dialect.ddl(), dialect.state()));
        SequenceStates sequenceStates =
                new SequenceStates(errantRecords.enabled() ? errantRecords::report : null, dialect.sequences());
        EventHandlers handlers = new EventHandlers(
                session, catalog, writer, snapshots, schemaApplier, sequenceStates, config.conflictMode(), progress);
        BatchCommit batches = new BatchCommit(session, offsets, progress, snapshots, retries);
        return new ChangeApplier(
                session,
                new TargetPreparation(session, config.foreignKeyMode(), schemaApplier, dialect.ddl(), dialect.state()),
                new DebeziumEnvelopeDecoder(
                        new PgTextEncoder(ChangeEventConventions.UNAVAILABLE_VALUE_PLACEHOLDER), config.nameMapping()),
                errantRecords,
                offsets,
                new RenameOrder(dialect.state(), config.renameWait(), Clock.systemUTC()),
                handlers,
                batches,
                new ApplyFailurePolicy(session, catalog, retries, handlers, batches, errantRecords, progress));
    }

    /**
     * The offsets to resume the newly assigned partitions from. When the target cannot be reached now, returns
     * nothing: {@link #apply} reads them before it writes, so no record is applied twice either way.
     */
    public Map<TopicPartition, Long> resumeOffsets(Collection<TopicPartition> partitions) {
        try {
            Connection connection = session.connection();
            preparation.prepare(connection);
            return offsets.load(connection, partitions);
        } catch (SQLException e) {
            session.recover(e);
            LOG.warn(
                    "Could not read applied offsets from the target yet ({}); they are read before the first write",
                    e.getMessage());
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
        return errantRecords.reported();
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
            preparation.prepare(connection);
            offsets.load(connection, partitionsOf(records));
            List<SinkRecord> fresh =
                    records.stream().filter(r -> !offsets.isApplied(r)).toList();
            if (fresh.isEmpty()) {
                return Map.of();
            }
            events = decode(fresh);
            held = renameOrder.heldBack(connection, events);
            if (!held.isEmpty()) {
                Map<TopicPartition, Long> holding = held;
                fresh = fresh.stream()
                        .filter(r -> !RenameOrder.isHeld(holding, AppliedOffsets.partitionOf(r), r.kafkaOffset()))
                        .toList();
                events = events.stream()
                        .filter(e -> !RenameOrder.isHeld(
                                holding,
                                AppliedOffsets.partitionOf(e.origin()),
                                e.origin().kafkaOffset()))
                        .toList();
            }
            applying = fresh;
            handlers.applyAll(connection, events);
            batches.commit(connection, fresh);
            return held;
        } catch (SQLException e) {
            batches.abandon(e);
            failures.onFailure(e, applying, events);
            return held;
        } catch (RuntimeException e) {
            batches.abandon(e);
            throw e;
        }
    }

    private List<ChangeEvent> decode(List<SinkRecord> records) {
        List<ChangeEvent> events = new ArrayList<>(records.size());
        for (SinkRecord record : records) {
            try {
                decoder.decode(record).ifPresent(events::add);
            } catch (MalformedRecordException e) {
                if (!errantRecords.enabled()) {
                    throw e;
                }
                errantRecords.report(record, e);
            }
        }
        return events;
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
