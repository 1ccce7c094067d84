package io.pg2polar.source.copy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.connector.postgresql.PostgresPartition;
import io.debezium.connector.postgresql.SourceInfo;

import io.pg2polar.common.control.LoadMarks;
import io.pg2polar.common.control.ResyncRequest;
import io.pg2polar.common.control.RowEvents;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.source.Pg2PolarSourceConfig;
import io.pg2polar.source.control.ControlRecords;
import io.pg2polar.source.control.OwnSchemaEvents;
import io.pg2polar.source.schema.CapturedTables;
import io.pg2polar.source.schema.SchemaSnapshot;

/**
 * The full load of {@code snapshot.transport=copy} (design decision 30): every captured table read in chunks, each in
 * its own short transaction, on {@code snapshot.max.threads} sessions, while Debezium streams the changes from the
 * slot's consistent point. The task hands this class every record Debezium polls: the load finds its watermarks and
 * resync requests there, passes the rest on, and puts each chunk's rows (copy-chunk events) into the stream where they
 * belong. How far it got is kept in the source offsets, so a task that starts again goes on with the next chunk; tables
 * added to the selection since are loaded then, and {@link ResyncRequest}s load tables again while changes stream.
 */
public final class ChunkedLoad implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkedLoad.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_WAIT = Duration.ofMillis(200);

    private final Pg2PolarSourceConfig config;
    private final PostgresConnectorConfig connectorConfig;
    private final String slot;
    private final long streamFrom;
    private final boolean streaming;
    private final ControlRecords records;
    private final LoadOffsets offsets;
    private final ChunkEvents events;
    private final Map<TableId, TableCopy> loading = new LinkedHashMap<>();
    private final Set<TableId> captured = new HashSet<>();
    private final ChunkWindows windows;
    private final ChunkPlanner planner;
    private final ChunkReaders readers;
    private final Clock clock;
    private final long startedMillis;
    private List<SourceRecord> initial = List.of();

    private ChunkedLoad(
            Pg2PolarSourceConfig config,
            PostgresConnectorConfig connectorConfig,
            LoadOffsets offsets,
            long streamFrom,
            Clock clock) {
        this.config = config;
        this.connectorConfig = connectorConfig;
        this.streaming = config.migrationType().streams();
        this.slot = streaming ? config.slotName() : null;
        this.streamFrom = streamFrom;
        this.records = new ControlRecords(connectorConfig);
        this.offsets = offsets;
        this.clock = clock;
        this.startedMillis = clock.millis();
        this.events = new ChunkEvents(records, offsets, clock);
        this.windows = new ChunkWindows(
                UUID.randomUUID().toString(),
                streaming,
                records::topicOf,
                spec -> planner().readAgain(spec));
        this.planner = new ChunkPlanner(windows, config.snapshotRangeBytes());
        this.readers = new ChunkReaders(
                config.endpoint(),
                slot,
                planner,
                windows,
                connectorConfig.getColumnFilter(),
                config.snapshotThreads(),
                config.snapshotChunkBytes(),
                config.snapshotRangeBytes(),
                clock);
    }

    private ChunkPlanner planner() {
        return planner;
    }

    /**
     * Starts the full load where it stands: a migration's first start creates the slot (when changes stream) and plans
     * every captured table; a later start reads the plan and each table's progress from the offsets, and plans the
     * tables added to the selection since.
     *
     * @return null when there is nothing to load (the load is done, or the source is older than PostgreSQL 12, where
     *         Debezium's row snapshot does the full load)
     */
    public static ChunkedLoad start(
            Pg2PolarSourceConfig config,
            PostgresConnectorConfig connectorConfig,
            OffsetStorageReader storage,
            Clock clock) {
        LoadOffsets offsets = offsetsOf(connectorConfig);
        try {
            LoadOffsets.Load stored = LoadOffsets.decodeLoad(storage.offset(offsets.loadPartition()));
            ChunkedLoad load = stored == null
                    ? firstStart(config, connectorConfig, offsets, clock)
                    : resume(config, connectorConfig, offsets, stored, storage, clock);
            if (load == null || load.ended()) {
                return null;
            }
            load.readers.start();
            return load;
        } catch (SQLException | RuntimeException e) {
            throw new RetriableException(
                    "Could not start the full load from " + config.endpoint().describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A load with no table yet, for a resync request met in the stream while no load runs: the task hands it the
     * records from the request on.
     */
    public static ChunkedLoad forResync(
            Pg2PolarSourceConfig config,
            PostgresConnectorConfig connectorConfig,
            OffsetStorageReader storage,
            Clock clock) {
        LoadOffsets offsets = offsetsOf(connectorConfig);
        LoadOffsets.Load stored = LoadOffsets.decodeLoad(storage.offset(offsets.loadPartition()));
        ChunkedLoad load =
                new ChunkedLoad(config, connectorConfig, offsets, stored == null ? 0 : stored.streamFrom(), clock);
        if (stored != null) {
            load.captured.addAll(stored.captured());
        }
        load.readers.start();
        return load;
    }

    /** The index of the first resync request of this migration among Debezium's records, or -1. */
    public static int firstResync(List<SourceRecord> polled, String slot) {
        for (int i = 0; polled != null && i < polled.size(); i++) {
            Struct source = sourceBlock(polled.get(i));
            if (source != null
                    && ResyncRequest.parse(markOf(polled.get(i), source, slot)).isPresent()) {
                return i;
            }
        }
        return -1;
    }

    private static ChunkedLoad firstStart(
            Pg2PolarSourceConfig config, PostgresConnectorConfig connectorConfig, LoadOffsets offsets, Clock clock)
            throws SQLException {
        try (Connection connection =
                config.endpoint().connect("pg2polar-full-load", TIMEOUT, TIMEOUT.multipliedBy(2))) {
            int version = connection.getMetaData().getDatabaseMajorVersion();
            if (version < 12) {
                LOG.warn(
                        "The source runs PostgreSQL {}: the full load uses Debezium's row snapshot (snapshot.transport=copy needs 12+)",
                        version);
                return null;
            }
        }
        ExportedSnapshot snapshot = config.migrationType().streams()
                ? ExportedSnapshot.ofNewSlot(config.endpoint(), connectorConfig)
                : ExportedSnapshot.ofTransaction(config.endpoint());
        List<TableCopy> plan;
        List<SourceRecord> definitions;
        List<TableId> captured;
        Map<TableId, RowEvents> rowEvents;
        try (Connection connection =
                config.endpoint().connect("pg2polar-full-load", TIMEOUT, TIMEOUT.multipliedBy(2))) {
            // tables and definitions as of the slot's consistent point: what changes later comes through the stream
            snapshot.importInto(connection);
            captured = capturedTables(connection, connectorConfig);
            plan = TableCopy.plan(connection, connectorConfig, config.rowFilters());
            definitions =
                    config.schemaMigration() ? SchemaSnapshot.read(connection, connectorConfig, clock) : List.of();
            connection.rollback();
            rowEvents = rowEvents(connectorConfig, snapshot, snapshot.walPosition(), plan, clock);
        } finally {
            snapshot.close();
        }
        ChunkedLoad load = new ChunkedLoad(config, connectorConfig, offsets, snapshot.walPosition(), clock);
        load.events.describe(rowEvents);
        load.captured.addAll(captured);
        List<SourceRecord> initial = new ArrayList<>(definitions);
        initial.addAll(load.begin(plan, snapshot.walPosition()));
        load.initial = initial;
        LOG.info(
                "Full load of {} tables in chunks of about {} KB, {} sessions, streaming from WAL position {}",
                plan.size(),
                config.snapshotRangeBytes() >> 10,
                config.snapshotThreads(),
                snapshot.walPosition());
        return load;
    }

    private static ChunkedLoad resume(
            Pg2PolarSourceConfig config,
            PostgresConnectorConfig connectorConfig,
            LoadOffsets offsets,
            LoadOffsets.Load stored,
            OffsetStorageReader storage,
            Clock clock)
            throws SQLException {
        List<Map<String, Object>> partitions =
                stored.tables().stream().map(offsets::tablePartition).toList();
        Map<Map<String, Object>, Map<String, Object>> tableOffsets = storage.offsets(partitions);
        ChunkedLoad load = new ChunkedLoad(config, connectorConfig, offsets, stored.streamFrom(), clock);
        load.captured.addAll(stored.captured());
        try (Connection connection =
                config.endpoint().connect("pg2polar-full-load", TIMEOUT, TIMEOUT.multipliedBy(2))) {
            connection.setAutoCommit(false);
            List<TableCopy> plan = TableCopy.plan(connection, connectorConfig, config.rowFilters());
            for (TableCopy table : plan) {
                if (stored.tables().contains(table.table())) {
                    LoadOffsets.Table state = LoadOffsets.decodeTable(
                            tableOffsets.get(offsets.tablePartition(table.table())), stored.streamFrom());
                    if (!state.done()) {
                        load.add(table, state);
                    }
                }
            }
            int goingOn = load.loading.size();
            load.events.describe(
                    rowEvents(connectorConfig, null, stored.streamFrom(), List.copyOf(load.loading.values()), clock));
            List<TableId> added = new ArrayList<>(capturedTables(connection, connectorConfig));
            added.removeAll(stored.captured());
            if (!added.isEmpty()) {
                load.initial = load.added(connection, plan, added);
            }
            connection.rollback();
            LOG.info(
                    "Full load goes on with {} of its {} tables, from their next chunks{}",
                    goingOn,
                    stored.tables().size(),
                    added.isEmpty() ? "" : ", and loads " + added.size() + " tables added to the selection");
        }
        return load;
    }

    /** Tables added to the selection since the load was planned: their definitions, then their loads from now. */
    private List<SourceRecord> added(Connection connection, List<TableCopy> plan, List<TableId> added)
            throws SQLException {
        long now;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_current_wal_lsn() - '0/0'")) {
            rs.next();
            now = rs.getLong(1);
        }
        LOG.info("Tables added to the migration's selection are loaded now: {}", added);
        captured.addAll(added);
        List<SourceRecord> out = new ArrayList<>(
                config.schemaMigration()
                        ? SchemaSnapshot.read(connection, connectorConfig, clock, added::contains)
                        : List.of());
        List<TableCopy> tables =
                plan.stream().filter(t -> added.contains(t.table())).toList();
        events.describe(rowEvents(connectorConfig, null, now, tables, clock));
        out.addAll(begin(tables, now));
        return out;
    }

    /** Plans the tables' loads from {@code load} and returns their begin markers; the last stores the plan. */
    private List<SourceRecord> begin(List<TableCopy> tables, long load) {
        List<SourceRecord> markers = new ArrayList<>();
        for (TableCopy table : tables) {
            add(table, LoadOffsets.Table.begins(load));
        }
        LoadOffsets.Load plan = new LoadOffsets.Load(streamFrom, List.copyOf(loading.keySet()), List.copyOf(captured));
        for (int i = 0; i < tables.size(); i++) {
            boolean last = i == tables.size() - 1;
            markers.add(events.begins(
                    tables.get(i),
                    load,
                    planner.estimateChunks(tables.get(i)),
                    last ? offsets.loadPartition() : null,
                    last ? LoadOffsets.encode(plan) : null));
        }
        return markers;
    }

    private void add(TableCopy table, LoadOffsets.Table state) {
        loading.put(table.table(), table);
        events.track(table.table(), state);
        planner.add(table, state.upper(), state.chunks());
    }

    /** Definitions and load markers to send before anything else; empty when the load goes on from offsets. */
    public List<SourceRecord> initialRecords() {
        List<SourceRecord> first = initial;
        initial = List.of();
        return first;
    }

    /**
     * The Debezium offset to stream from when Debezium has stored none yet: the slot's consistent point, no snapshot
     * under way.
     */
    public Map<String, Object> streamFrom() {
        return Map.of(SourceInfo.LSN_KEY, streamFrom, SourceInfo.TIMESTAMP_USEC_KEY, startedMillis * 1000);
    }

    /** Whether every table's last chunk has been sent. */
    public boolean ended() {
        return events.tablesLeft() == 0;
    }

    /**
     * Debezium's records, to send: watermarks are taken out, resync requests begin loads, each record is passed on
     * (schema changes and heartbeats turned into control events) and chunks go in where they belong.
     *
     * @throws RetriableException when reading keeps failing: the task starts again and the load goes on
     */
    public List<SourceRecord> process(List<SourceRecord> polled, OwnSchemaEvents ownEvents) {
        List<SourceRecord> out = new ArrayList<>(polled == null ? 0 : polled.size());
        if (polled != null) {
            for (SourceRecord record : polled) {
                Struct source = sourceBlock(record);
                String mark = source == null ? null : markOf(record, source, slot);
                if (mark != null) {
                    Optional<ResyncRequest> resync = ResyncRequest.parse(mark);
                    if (resync.isPresent()) {
                        out.addAll(resync(resync.get(), source.getInt64("lsn")));
                    } else {
                        windows.onMark(mark);
                    }
                    addReady(out);
                    continue;
                }
                Long xid = source == null || source.schema().field("txId") == null ? null : source.getInt64("txId");
                for (SourceRecord sent : ownEvents.transform(List.of(record))) {
                    windows.onSent(sent, xid);
                    out.add(sent);
                }
            }
        }
        addReady(out);
        failIfReadsFail();
        return out;
    }

    /** Without a change stream: the chunks read so far, waiting a little for the first. */
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> out = new ArrayList<>();
        long deadline = System.nanoTime() + POLL_WAIT.toNanos();
        while (out.isEmpty() && !ended() && System.nanoTime() < deadline) {
            addReady(out);
            failIfReadsFail();
            if (out.isEmpty()) {
                Thread.sleep(20);
            }
        }
        return out;
    }

    /** A resync request met at WAL position {@code lsn}: the tables' loads begin here (those loading go on as they are). */
    private List<SourceRecord> resync(ResyncRequest request, long lsn) {
        List<TableCopy> plan;
        try (Connection connection =
                config.endpoint().connect("pg2polar-full-load", TIMEOUT, TIMEOUT.multipliedBy(2))) {
            connection.setAutoCommit(false);
            plan = TableCopy.plan(connection, connectorConfig, config.rowFilters());
            connection.rollback();
        } catch (SQLException e) {
            throw new RetriableException("Could not plan the resync of " + request.tables() + ": " + e.getMessage(), e);
        }
        List<TableCopy> tables = new ArrayList<>();
        for (TableCopy table : plan) {
            if (!request.tables().contains(table.table())) {
                continue;
            }
            if (events.isLoading(table.table())) {
                LOG.info("Resync of {} asked while it loads: its load goes on", table.table());
                continue;
            }
            tables.add(table);
        }
        List<TableId> unknown = new ArrayList<>(request.tables());
        plan.forEach(t -> unknown.remove(t.table()));
        if (!unknown.isEmpty()) {
            LOG.warn("Resync asked for tables the migration does not capture: {}", unknown);
        }
        LOG.info(
                "Resync of {} begins at WAL position {}",
                tables.stream().map(TableCopy::table).toList(),
                lsn);
        events.describe(rowEvents(connectorConfig, null, lsn, tables, clock));
        List<SourceRecord> markers = begin(tables, lsn);
        readers.ensureRunning();
        return markers;
    }

    /**
     * The tables' rows as change events; none when Debezium could not describe them (the load goes on: only consumers
     * that expand chunks need them, and they say so).
     */
    private static Map<TableId, RowEvents> rowEvents(
            PostgresConnectorConfig config,
            ExportedSnapshot snapshot,
            long walPosition,
            List<TableCopy> tables,
            Clock clock) {
        long started = clock.millis();
        try {
            Map<TableId, RowEvents> described = RowEventSchemas.read(config, snapshot, walPosition, tables, started);
            LOG.info(
                    "Described the rows of {} tables as change events for other consumers in {} ms",
                    described.size(),
                    clock.millis() - started);
            return described;
        } catch (SQLException | RuntimeException e) {
            LOG.warn(
                    "Could not describe the copied rows as change events ({}): the full load's chunks go without, and consumers that"
                            + " expand them into op r events will refuse them",
                    e.getMessage(),
                    e);
            return Map.of();
        }
    }

    private void addReady(List<SourceRecord> out) {
        for (ChunkWindows.Emission emission : windows.ready()) {
            out.addAll(events.chunk(emission, startedMillis));
            out.addAll(emission.resent());
        }
    }

    private void failIfReadsFail() {
        Throwable failed = readers.failure();
        if (failed != null) {
            throw new RetriableException(
                    "The full load could not read from the source; it goes on from its next chunk when the task"
                            + " starts again: " + failed.getMessage(),
                    failed);
        }
    }

    /** The watermark or request a record of {@code pg2polar.load_marks} carries for this migration; "" for another's. */
    private static String markOf(SourceRecord record, Struct source, String slot) {
        if (!"pg2polar".equals(source.getString("schema")) || !LoadMarks.TABLE.equals(source.getString("table"))) {
            return null;
        }
        Struct after = record.value() instanceof Struct value && value.schema().field("after") != null
                ? value.getStruct("after")
                : null;
        if (after == null || slot == null || !slot.equals(after.getString("slot_name"))) {
            // another migration's watermark, or its deletion: not ours, not a change to send
            return "";
        }
        return after.getString("mark");
    }

    private static Struct sourceBlock(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("source") == null) {
            return null;
        }
        Struct source = value.getStruct("source");
        return source != null
                        && source.schema().field("schema") != null
                        && source.schema().field("table") != null
                ? source
                : null;
    }

    private static List<TableId> capturedTables(Connection connection, PostgresConnectorConfig config)
            throws SQLException {
        return CapturedTables.list(connection, config).keySet().stream()
                .map(t -> new TableId(t.schema(), t.table()))
                .toList();
    }

    private static LoadOffsets offsetsOf(PostgresConnectorConfig connectorConfig) {
        return new LoadOffsets(new PostgresPartition(connectorConfig.getLogicalName(), connectorConfig.databaseName())
                .getSourcePartition());
    }

    @Override
    public void close() {
        readers.close();
    }
}
