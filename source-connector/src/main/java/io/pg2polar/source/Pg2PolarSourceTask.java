package io.pg2polar.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;

import io.debezium.config.Configuration;
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.connector.postgresql.PostgresConnectorTask;
import io.debezium.connector.postgresql.PostgresOffsetContext;
import io.debezium.connector.postgresql.PostgresPartition;
import io.debezium.pipeline.ChangeEventSourceCoordinator;
import io.debezium.pipeline.spi.OffsetContext;
import io.debezium.pipeline.spi.Offsets;
import io.debezium.pipeline.spi.Partition;

import io.pg2polar.common.Pg2PolarVersion;
import io.pg2polar.common.control.HeartbeatTable;
import io.pg2polar.common.control.LoadMarks;
import io.pg2polar.common.naming.ReplicationNames;
import io.pg2polar.source.control.OwnSchemaEvents;
import io.pg2polar.source.control.SequencePublisher;
import io.pg2polar.source.copy.ChunkedLoad;
import io.pg2polar.source.filter.FilteredPublication;
import io.pg2polar.source.filter.RowCondition;
import io.pg2polar.source.filter.RowFilterCheck;
import io.pg2polar.source.precheck.ReplicaIdentities;
import io.pg2polar.source.schema.CapturedTables;
import io.pg2polar.source.schema.DdlCapture;
import io.pg2polar.source.schema.SchemaSnapshot;
import io.pg2polar.source.schema.UnstreamableTables;
import io.pg2polar.source.slot.InvalidatedSlotCheck;

/**
 * The source task: Debezium's PostgreSQL capture, run with the configuration the connector completed with
 * migration defaults. On a migration's first start it sends every captured table's definition before Debezium's
 * first row (schema migration); it installs DDL capture and turns captured DDL into schema-change events in WAL
 * order; it writes heartbeats (Debezium's {@code heartbeat.action.query} into {@code pg2polar.heartbeat}) that
 * reach the sink as heartbeat events; and it publishes the source's sequence positions at a fixed interval
 * (continuous sequence resync).
 */
public class Pg2PolarSourceTask extends PostgresConnectorTask {

    private static final Duration CATALOG_TIMEOUT = Duration.ofSeconds(30);

    private List<SourceRecord> pendingControlRecords = List.of();
    private OwnSchemaEvents ownSchemaEvents;
    private UnstreamableTables unstreamableTables;
    private RecordSizeLimit sizeLimit;
    private SequencePublisher sequences;
    /** The chunked full load under way, or null. */
    private ChunkedLoad fullLoad;
    /** How many keys Debezium's source partition has: the full load's partitions have one more. */
    private int debeziumPartitionSize = 1;
    /** Whether resync requests are taken: the full load is chunked and changes stream. */
    private boolean resyncs;

    private String slot;
    private Pg2PolarSourceConfig sourceConfig;
    private PostgresConnectorConfig connectorConfig;
    private Configuration deferredConfig;
    /** Where Debezium resumes after a full load whose end marker the worker may not have stored yet. */
    private Map<String, ?> fullLoadOffset;

    private volatile boolean stopping;

    @Override
    public String version() {
        return Pg2PolarVersion.get();
    }

    @Override
    public ChangeEventSourceCoordinator<PostgresPartition, PostgresOffsetContext> start(Configuration config) {
        connectorConfig = new PostgresConnectorConfig(config);
        sourceConfig = new Pg2PolarSourceConfig(config.asMap());
        resyncs = sourceConfig.loadsInChunksWhileStreaming();
        slot = sourceConfig.slotName();
        // a configuration that never went through validate (stored before it refused such text) fails here, before any
        // SQL
        sourceConfig.rowFilters().checked();
        ReplicationNames.publicationNameProblem(sourceConfig.publicationName()).ifPresent(problem -> {
            throw new ConfigException(problem);
        });
        ownSchemaEvents = new OwnSchemaEvents(connectorConfig);
        unstreamableTables = new UnstreamableTables(sourceConfig.endpoint(), connectorConfig);
        sizeLimit = RecordSizeLimit.of(config.asMap());
        if (sourceConfig.migrationType().streams()) {
            sequences = new SequencePublisher(
                    sourceConfig.endpoint(), connectorConfig, sourceConfig.sequenceSyncInterval(), Clock.systemUTC());
        }
        stopping = false;
        if (sourceConfig.migrationType().streams()) {
            requireUsableSlot(sourceConfig);
        }
        boolean firstStart = isFirstStart(connectorConfig);
        boolean copyLoad =
                sourceConfig.copiesSnapshot() && sourceConfig.migrationType().copiesRows();
        // the COPY full load reads the definitions as of the slot's consistent point
        boolean heartbeatTable = prepareSource(sourceConfig, connectorConfig, firstStart && !copyLoad);
        if (heartbeatTable && !config.hasKey(Pg2PolarSourceConfig.HEARTBEAT_ACTION_QUERY)) {
            config = config.edit()
                    .with(
                            Pg2PolarSourceConfig.HEARTBEAT_ACTION_QUERY,
                            HeartbeatTable.actionQuery(sourceConfig.slotName()))
                    .build();
        }
        if (copyLoad && (firstStart || loadStarted(connectorConfig))) {
            fullLoad =
                    ChunkedLoad.start(sourceConfig, connectorConfig, context.offsetStorageReader(), Clock.systemUTC());
            if (fullLoad != null) {
                pendingControlRecords = fullLoad.initialRecords();
                fullLoadOffset = fullLoad.streamFrom();
                if (!sourceConfig.migrationType().streams()) {
                    // nothing streams: Debezium starts when the last chunk is sent, to record the end
                    deferredConfig = config;
                    return null;
                }
            } else if (firstStart) {
                // an old source: Debezium's row snapshot does the load, the definitions go ahead of it as usual
                prepareSource(sourceConfig, connectorConfig, true);
            }
        }
        return super.start(config);
    }

    @Override
    public List<SourceRecord> doPoll() throws InterruptedException {
        List<SourceRecord> records = nextRecords();
        sizeLimit.check(records);
        return SentRecord.of(records);
    }

    private List<SourceRecord> nextRecords() throws InterruptedException {
        if (!pendingControlRecords.isEmpty()) {
            List<SourceRecord> first = pendingControlRecords;
            pendingControlRecords = List.of();
            return first;
        }
        if (fullLoad != null && deferredConfig != null) {
            return pollFullLoadWithoutStream();
        }
        List<SourceRecord> polled;
        try {
            polled = super.doPoll();
        } catch (RuntimeException e) {
            throw unstreamableTables.explain(e);
        }
        List<SourceRecord> records;
        int resync = fullLoad == null && resyncs ? ChunkedLoad.firstResync(polled, slot) : -1;
        if (resync >= 0) {
            // a resync request while no load runs: a load for it takes the records from the request on
            records = new java.util.ArrayList<>(
                    ownSchemaEvents.transform(new java.util.ArrayList<>(polled.subList(0, resync))));
            fullLoad = ChunkedLoad.forResync(
                    sourceConfig, connectorConfig, context.offsetStorageReader(), Clock.systemUTC());
            records.addAll(fullLoad.process(
                    new java.util.ArrayList<>(polled.subList(resync, polled.size())), ownSchemaEvents));
        } else if (fullLoad != null) {
            records = fullLoad.process(polled, ownSchemaEvents);
        } else {
            records = ownSchemaEvents.transform(polled);
        }
        if (fullLoad != null && fullLoad.ended()) {
            fullLoad.close();
            fullLoad = null;
        }
        return sequences == null || records == null ? records : sequences.appendTo(records);
    }

    /** {@code migration.type=full}: the chunks as they are read; after the last, Debezium starts to record the end. */
    private List<SourceRecord> pollFullLoadWithoutStream() throws InterruptedException {
        List<SourceRecord> records = fullLoad.poll();
        if (fullLoad.ended()) {
            fullLoad.close();
            fullLoad = null;
            synchronized (this) {
                if (!stopping) {
                    coordinator = super.start(deferredConfig);
                }
            }
            deferredConfig = null;
        }
        return records;
    }

    /** Only Debezium's own positions go to Debezium: those of the full load's progress are Connect's business. */
    @Override
    public void commitRecord(SourceRecord record, org.apache.kafka.clients.producer.RecordMetadata metadata)
            throws InterruptedException {
        if (record.sourcePartition() == null || record.sourcePartition().size() == debeziumPartitionSize) {
            super.commitRecord(record, metadata);
        }
    }

    /** Debezium's stored offsets, or, before the full load's end marker is stored, the position it carries. */
    @Override
    protected Offsets<PostgresPartition, PostgresOffsetContext> getPreviousOffsets(
            Partition.Provider<PostgresPartition> provider, OffsetContext.Loader<PostgresOffsetContext> loader) {
        Offsets<PostgresPartition, PostgresOffsetContext> stored = super.getPreviousOffsets(provider, loader);
        if (fullLoadOffset == null || stored.getOffsets().values().stream().anyMatch(java.util.Objects::nonNull)) {
            return stored;
        }
        Map<PostgresPartition, PostgresOffsetContext> offsets = new java.util.HashMap<>();
        provider.getPartitions().forEach(partition -> offsets.put(partition, loader.load(fullLoadOffset)));
        return Offsets.of(offsets);
    }

    @Override
    protected void doStop() {
        ChangeEventSourceCoordinator<PostgresPartition, PostgresOffsetContext> startedLate;
        synchronized (this) {
            stopping = true;
            // started by the full load's end after BaseSourceTask looked for a coordinator to stop
            startedLate = coordinator;
            coordinator = null;
        }
        if (startedLate != null) {
            try {
                startedLate.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fullLoad != null) {
            fullLoad.close();
            fullLoad = null;
        }
        if (sequences != null) {
            sequences.close();
        }
        super.doStop();
    }

    /** Fails the task when the source has invalidated the slot: Debezium would retry it forever. */
    private static void requireUsableSlot(Pg2PolarSourceConfig sourceConfig) {
        try (Connection connection =
                sourceConfig.endpoint().connect("pg2polar-schema", CATALOG_TIMEOUT, CATALOG_TIMEOUT)) {
            InvalidatedSlotCheck.requireUsable(
                    connection, sourceConfig.slotName(), sourceConfig.endpoint().describe());
        } catch (SQLException e) {
            throw new RetriableException(
                    "Could not read the state of replication slot '" + sourceConfig.slotName() + "' on "
                            + sourceConfig.endpoint().describe() + ": " + e.getMessage(),
                    e);
        }
    }

    /** The captured tables plus pg2polar's own that ride the WAL with them. */
    private static List<io.pg2polar.common.sql.TableId> publishedTables(
            Connection connection,
            PostgresConnectorConfig connectorConfig,
            boolean ddlCapture,
            boolean heartbeatTable,
            boolean loadMarks)
            throws SQLException {
        List<io.pg2polar.common.sql.TableId> tables = new java.util.ArrayList<>();
        CapturedTables.list(connection, connectorConfig)
                .keySet()
                .forEach(t -> tables.add(new io.pg2polar.common.sql.TableId(t.schema(), t.table())));
        if (ddlCapture) {
            tables.add(new io.pg2polar.common.sql.TableId("pg2polar", "ddl_log"));
        }
        if (heartbeatTable) {
            tables.add(new io.pg2polar.common.sql.TableId("pg2polar", io.pg2polar.common.control.Heartbeat.TABLE));
        }
        if (loadMarks) {
            tables.add(new io.pg2polar.common.sql.TableId("pg2polar", LoadMarks.TABLE));
        }
        return tables;
    }

    /** No offset stored yet: nothing was sent before, so the schema goes first. */
    private boolean isFirstStart(PostgresConnectorConfig connectorConfig) {
        Map<String, String> partition = new PostgresPartition(
                        connectorConfig.getLogicalName(), connectorConfig.databaseName())
                .getSourcePartition();
        debeziumPartitionSize = partition.size();
        Map<String, Object> offset = context.offsetStorageReader().offset(partition);
        return (offset == null || offset.isEmpty()) && !loadStarted(connectorConfig);
    }

    /** Whether a chunked full load has stored its plan: it goes on from there. */
    private boolean loadStarted(PostgresConnectorConfig connectorConfig) {
        Map<String, Object> partition = new java.util.HashMap<>(
                new PostgresPartition(connectorConfig.getLogicalName(), connectorConfig.databaseName())
                        .getSourcePartition());
        partition.put("pg2polar", "full-load");
        Map<String, Object> offset = context.offsetStorageReader().offset(partition);
        return offset != null && !offset.isEmpty();
    }

    /**
     * Before Debezium starts: creates the heartbeat table, installs DDL capture, and on a migration's first start
     * reads every captured table's definition, to send ahead of the rows.
     *
     * @return whether heartbeats can be written
     */
    private boolean prepareSource(
            Pg2PolarSourceConfig sourceConfig, PostgresConnectorConfig connectorConfig, boolean firstStart) {
        boolean sendSchema = sourceConfig.schemaMigration() && firstStart;
        if (!sendSchema
                && !sourceConfig.ddlCapture()
                && !sourceConfig.heartbeats()
                && sourceConfig.rowFilters().isEmpty()
                && !sourceConfig.replicaIdentityAutoset()
                && !sourceConfig.loadsInChunksWhileStreaming()) {
            return false;
        }
        try (Connection connection =
                sourceConfig.endpoint().connect("pg2polar-schema", CATALOG_TIMEOUT, CATALOG_TIMEOUT)) {
            // before the publication, the COPY or Debezium's snapshot SELECT embed a filter, PostgreSQL checks each one
            Map<io.pg2polar.common.sql.TableId, RowCondition> rowFilters =
                    RowFilterCheck.require(connection, sourceConfig.rowFilters());
            connection.setAutoCommit(false);
            if (sourceConfig.replicaIdentityAutoset()
                    && sourceConfig.migrationType().streams()) {
                ReplicaIdentities.setMissing(
                        connection,
                        List.copyOf(
                                CapturedTables.list(connection, connectorConfig).keySet()));
            }
            if (sourceConfig.ddlCapture()) {
                DdlCapture.install(
                        connection,
                        CapturedTables.list(connection, connectorConfig).values());
            }
            boolean heartbeatTable = sourceConfig.heartbeats() && HeartbeatTable.ensure(connection);
            if (sourceConfig.loadsInChunksWhileStreaming()) {
                LoadMarks.ensure(connection);
                // a publication the user manages must carry the watermarks; the connector's own ones do
                if ("disabled".equalsIgnoreCase(connectorConfig.getConfig().getString("publication.autocreate.mode"))) {
                    String problem = LoadMarks.publicationProblem(connection, sourceConfig.publicationName());
                    if (problem != null) {
                        throw new org.apache.kafka.connect.errors.ConnectException(problem);
                    }
                }
            }
            if (!rowFilters.isEmpty() && sourceConfig.migrationType().streams()) {
                FilteredPublication.ensure(
                        connection,
                        sourceConfig.publicationName(),
                        publishedTables(
                                connection,
                                connectorConfig,
                                sourceConfig.ddlCapture(),
                                heartbeatTable,
                                sourceConfig.loadsInChunksWhileStreaming()),
                        rowFilters);
            }
            connection.commit();
            if (sendSchema) {
                pendingControlRecords = SchemaSnapshot.read(connection, connectorConfig, Clock.systemUTC());
            }
            return heartbeatTable;
        } catch (SQLException e) {
            throw new RetriableException(
                    "Could not read the source tables' definitions from "
                            + sourceConfig.endpoint().describe() + ": " + e.getMessage(),
                    e);
        }
    }
}
