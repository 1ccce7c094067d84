package io.pg2polar.source.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.connector.postgresql.PostgresPartition;
import io.debezium.connector.postgresql.SourceInfo;
import io.pg2polar.common.control.ChunkText;
import io.pg2polar.common.control.CopyChunk;
import io.pg2polar.common.control.RowEvents;
import io.pg2polar.source.Pg2PolarSourceConfig;
import io.pg2polar.source.control.ControlRecords;
import io.pg2polar.source.schema.SchemaSnapshot;

/**
 * The full load of {@code snapshot.transport=copy}, run by the source task before Debezium starts: a consistent
 * snapshot (the new slot's, when changes stream afterwards), every captured table read with COPY into chunk events,
 * and at the end the Debezium offset that says "snapshot done, stream from the snapshot's WAL position". That offset
 * rides on the last chunk, so it is stored with the rows; until it is, a restarted task starts the full load over
 * (the sink empties each table when chunks of a newer snapshot arrive).
 */
public final class FullLoad implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FullLoad.class);
    private static final Duration POLL_WAIT = Duration.ofMillis(500);

    private final SnapshotCopier copier;
    private final ControlRecords records;
    private final Map<String, String> debeziumPartition;
    private final Map<String, Object> resumeOffset;
    private final Clock clock;
    private final long startedMillis;
    private CopyChunk lastChunk;
    private long rows;
    private boolean ended;
    private List<SourceRecord> definitions = List.of();
    /** Each copied table's rows as change events, which every chunk carries for other consumers. */
    private Map<io.pg2polar.common.sql.TableId, RowEvents> rowEvents = Map.of();

    private FullLoad(SnapshotCopier copier, ControlRecords records, Map<String, String> debeziumPartition, long walPosition, Clock clock) {
        this.copier = copier;
        this.records = records;
        this.debeziumPartition = debeziumPartition;
        this.clock = clock;
        this.startedMillis = clock.millis();
        // what Debezium's own snapshot leaves behind: a position to stream from, no snapshot in progress
        this.resumeOffset = Map.of(SourceInfo.LSN_KEY, walPosition, SourceInfo.TIMESTAMP_USEC_KEY, startedMillis * 1000);
    }

    /**
     * Plans the tables, takes the snapshot (creating the slot when the migration streams) and starts reading.
     *
     * @return null when the source is older than PostgreSQL 12 (no generated-column catalog): Debezium's row
     *         snapshot does the full load there
     */
    public static FullLoad start(Pg2PolarSourceConfig sourceConfig, PostgresConnectorConfig connectorConfig, Clock clock) {
        ExportedSnapshot snapshot = null;
        try {
            List<TableCopy> plan;
            List<SourceRecord> definitions;
            Map<io.pg2polar.common.sql.TableId, RowEvents> rowEvents;
            try (Connection connection = sourceConfig.endpoint().connect("pg2polar-full-load", Duration.ofSeconds(30), Duration.ofSeconds(60))) {
                int version = connection.getMetaData().getDatabaseMajorVersion();
                if (version < 12) {
                    LOG.warn("The source runs PostgreSQL {}: the full load uses Debezium's row snapshot (snapshot.transport=copy needs 12+)",
                            version);
                    return null;
                }
            }
            snapshot = sourceConfig.migrationType().streams()
                    ? ExportedSnapshot.ofNewSlot(sourceConfig.endpoint(), connectorConfig)
                    : ExportedSnapshot.ofTransaction(sourceConfig.endpoint());
            // tables and definitions as of the snapshot: a table created just before it is copied, with its definition
            try (Connection connection = sourceConfig.endpoint().connect("pg2polar-full-load", Duration.ofSeconds(30), Duration.ofSeconds(60))) {
                snapshot.importInto(connection);
                plan = TableCopy.plan(connection, connectorConfig, sourceConfig.rowFilters());
                definitions = sourceConfig.schemaMigration() ? SchemaSnapshot.read(connection, connectorConfig, clock) : List.of();
                connection.rollback();
            }
            rowEvents = rowEvents(connectorConfig, snapshot, plan, clock);
            SnapshotCopier copier = new SnapshotCopier(sourceConfig.endpoint(), snapshot, plan, sourceConfig.snapshotThreads(),
                    sourceConfig.snapshotChunkBytes(), clock);
            copier.start();
            LOG.info("Full load of {} tables started with COPY, {} at a time, from the snapshot at WAL position {}", plan.size(),
                    sourceConfig.snapshotThreads(), snapshot.walPosition());
            PostgresPartition partition = new PostgresPartition(connectorConfig.getLogicalName(), connectorConfig.databaseName());
            FullLoad load = new FullLoad(copier, new ControlRecords(connectorConfig), partition.getSourcePartition(), snapshot.walPosition(), clock);
            load.definitions = definitions;
            load.rowEvents = rowEvents;
            return load;
        }
        catch (SQLException | RuntimeException e) {
            if (snapshot != null) {
                snapshot.close();
            }
            throw new RetriableException("Could not start the full load from " + sourceConfig.endpoint().describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The next chunk events; after the last, one empty chunk marked last-of-snapshot that carries the resume offset.
     *
     * @throws RetriableException when a read failed: the task restarts and the full load starts over
     */
    public List<SourceRecord> poll() throws InterruptedException {
        List<CopyChunk> chunks;
        try {
            chunks = copier.poll(POLL_WAIT);
        }
        catch (SQLException e) {
            throw new RetriableException("The full load failed reading the source (it starts over): " + e.getMessage(), e);
        }
        List<SourceRecord> result = new ArrayList<>(chunks.size() + 1);
        for (CopyChunk chunk : chunks) {
            result.add(records.copyChunk(chunk.with(rowEvents.get(chunk.table())), null, null));
            lastChunk = chunk;
            rows += chunk.rows();
        }
        if (copier.finished() && !ended) {
            ended = true;
            LOG.info("Full load read {} rows in {} s", rows, (clock.millis() - startedMillis) / 1000);
            if (lastChunk != null) {
                CopyChunk end = new CopyChunk(lastChunk.table(), lastChunk.columns(), lastChunk.snapshotPosition(), lastChunk.sequence() + 1, 0,
                        ChunkText.of(new byte[0]), true, true, clock.millis());
                result.add(records.copyChunk(end, debeziumPartition, resumeOffset));
            }
        }
        return result;
    }

    /**
     * The copied tables' rows as change events; none when Debezium could not describe them (the load goes on: only
     * consumers that expand chunks need them, and they say so).
     */
    private static Map<io.pg2polar.common.sql.TableId, RowEvents> rowEvents(PostgresConnectorConfig config, ExportedSnapshot snapshot,
                                                                              List<TableCopy> plan, Clock clock) {
        long started = clock.millis();
        try {
            Map<io.pg2polar.common.sql.TableId, RowEvents> described = RowEventSchemas.read(config, snapshot, plan, started);
            LOG.info("Described the rows of {} tables as change events for other consumers in {} ms", described.size(), clock.millis() - started);
            return described;
        }
        catch (SQLException | RuntimeException e) {
            LOG.warn("Could not describe the copied rows as change events ({}): the full load's chunks go without, and consumers that"
                    + " expand them into op r events will refuse them", e.getMessage(), e);
            return Map.of();
        }
    }

    /** The copied tables' definitions (schema migration), read in the snapshot, to send ahead of their chunks. */
    public List<SourceRecord> definitions() {
        return definitions;
    }

    /** Whether every chunk, and the end marker, has been handed out. */
    public boolean ended() {
        return ended;
    }

    /** The Debezium partition and the offset it resumes from once the full load is done. */
    public Map<String, String> debeziumPartition() {
        return debeziumPartition;
    }

    public Map<String, Object> resumeOffset() {
        return resumeOffset;
    }

    @Override
    public void close() {
        copier.close();
    }
}
