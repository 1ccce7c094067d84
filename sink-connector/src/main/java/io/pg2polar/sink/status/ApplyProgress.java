package io.pg2polar.sink.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.pg2polar.common.control.CopyChunk;
import io.pg2polar.common.control.Heartbeat;
import io.pg2polar.common.control.SchemaChange;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.dialect.StateStatements;
import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.event.Operation;

/**
 * Counts what the transaction under way applies, per table, and writes it into {@code pg2polar.table_progress},
 * {@code pg2polar.connector_progress} and (each heartbeat) {@code pg2polar.lag_history} in that same transaction, so
 * the progress on the target is exactly what is committed there, survives restarts and can be read while the sink is
 * paused. After the commit the counts go to the task's {@link SinkTaskMetrics}.
 */
public final class ApplyProgress {

    /** How long the lag history goes back: the console's chart shows an hour. */
    static final String LAG_HISTORY = "65 minutes";

    private final StateStatements state;
    private final String connector;
    private final SinkTaskMetrics metrics;
    private final Clock clock;
    private final Map<TableId, TableCounts> pending = new LinkedHashMap<>();
    private Heartbeat heartbeat;
    private boolean snapshotEnded;

    public ApplyProgress(StateStatements state, String connector, SinkTaskMetrics metrics, Clock clock) {
        this.state = state;
        this.connector = connector;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Counts a change the transaction applied. */
    public void applied(ChangeEvent event) {
        switch (event.operation()) {
            case HEARTBEAT -> {
                if (heartbeat == null || event.heartbeat().beatAtMillis() > heartbeat.beatAtMillis()) {
                    heartbeat = event.heartbeat();
                }
                return;
            }
            case SEQUENCE_STATE -> {
                return;
            }
            default -> {
                // counted per table below
            }
        }
        TableCounts counts = pending.computeIfAbsent(event.table(), t -> new TableCounts());
        switch (event.operation()) {
            case READ -> counts.snapshotRows++;
            case COPY_CHUNK -> countChunk(counts, event.chunk());
            case CREATE -> counts.inserts++;
            case UPDATE -> counts.updates++;
            case DELETE -> counts.deletes++;
            case TRUNCATE -> counts.truncates++;
            // a definition sent ahead of the snapshot (schema migration) is no DDL; it leaves the table in phase
            // "schema"
            case SCHEMA_CHANGE -> counts.ddl += event.schemaChange().kind() == SchemaChange.Kind.DDL ? 1 : 0;
            default -> throw new IllegalStateException("Not a table change: " + event.operation());
        }
        if (event.endsTableSnapshot()) {
            counts.snapshotDone = true;
            counts.loading = false;
        }
        if (event.operation().changesRows() && event.operation() != Operation.READ) {
            // the end of a load that was not chunked; a chunked load ends with its last chunk only
            counts.changed = true;
        }
        snapshotEnded |= event.endsSnapshot();
        Long sourceMillis = event.sourceMillis();
        if (sourceMillis != null && event.operation() != Operation.SCHEMA_CHANGE) {
            counts.lastSourceMillis = sourceMillis;
        }
    }

    private static void countChunk(TableCounts counts, CopyChunk chunk) {
        counts.snapshotRows += chunk.rows();
        CopyChunk.LoadStep step = chunk.step();
        if (step == null) {
            return;
        }
        if (step.begins()) {
            counts.loadBegan = true;
            counts.loading = true;
            counts.snapshotDone = false;
            counts.chunksDone = 0;
        } else if (step.chunkEnd()) {
            counts.chunksDone++;
        }
        counts.chunksTotal = step.chunks();
    }

    /** The table's earlier snapshot rows were thrown away: a new snapshot starts over. */
    public void snapshotRestarted(TableId table) {
        TableCounts counts = pending.computeIfAbsent(table, t -> new TableCounts());
        counts.snapshotRestarted = true;
        counts.snapshotRows = 0;
    }

    /** Counts a change the target rejected and the errant record reporter took. */
    public void rejected(ChangeEvent event) {
        pending.computeIfAbsent(event.table(), t -> new TableCounts()).rejected++;
    }

    /** Writes the transaction's counts; call just before the commit, on the same connection. */
    public void save(Connection connection) throws SQLException {
        if (!pending.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(state.saveTableProgress())) {
                for (Map.Entry<TableId, TableCounts> entry : pending.entrySet()) {
                    TableCounts c = entry.getValue();
                    statement.setString(1, connector);
                    statement.setString(2, entry.getKey().schema());
                    statement.setString(3, entry.getKey().table());
                    statement.setLong(4, c.snapshotRows);
                    // a table's first row: a change ends a load that was not chunked
                    statement.setBoolean(5, c.snapshotDone || (c.changed && !c.loadBegan));
                    statement.setLong(6, c.inserts);
                    statement.setLong(7, c.updates);
                    statement.setLong(8, c.deletes);
                    statement.setLong(9, c.truncates);
                    statement.setLong(10, c.ddl);
                    statement.setLong(11, c.rejected);
                    setNullableLong(statement, 12, c.lastSourceMillis);
                    setNullableLong(statement, 13, c.lastSourceMillis);
                    statement.setBoolean(14, c.loading);
                    statement.setLong(15, c.chunksDone);
                    statement.setLong(16, c.chunksTotal);
                    statement.setBoolean(17, c.snapshotRestarted);
                    statement.setBoolean(18, c.loadBegan);
                    statement.setBoolean(19, c.snapshotDone);
                    statement.setBoolean(20, c.snapshotDone);
                    statement.setBoolean(21, c.changed);
                    statement.setBoolean(22, c.loadBegan);
                    statement.setBoolean(23, c.snapshotDone);
                    statement.setBoolean(24, c.loadBegan);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
        if (heartbeat != null || snapshotEnded) {
            try (PreparedStatement statement = connection.prepareStatement(state.saveConnectorProgress())) {
                statement.setString(1, connector);
                statement.setString(2, heartbeat == null ? null : heartbeat.slot());
                setNullableLong(statement, 3, heartbeat == null ? null : heartbeat.beatAtMillis());
                statement.setBoolean(4, heartbeat != null);
                statement.setBoolean(5, snapshotEnded);
                statement.executeUpdate();
            }
        }
        if (heartbeat != null) {
            saveLag(connection, heartbeat.beatAtMillis());
        }
    }

    private void saveLag(Connection connection, long beatAtMillis) throws SQLException {
        try (PreparedStatement save = connection.prepareStatement(state.saveLag());
                PreparedStatement prune = connection.prepareStatement(state.pruneLag())) {
            save.setString(1, connector);
            save.setLong(2, beatAtMillis);
            save.executeUpdate();
            prune.setString(1, connector);
            prune.setString(2, LAG_HISTORY);
            prune.executeUpdate();
        }
    }

    /** The transaction committed: its counts join the task's metrics. */
    public void committed() {
        metrics.committed(Map.copyOf(pending), heartbeat == null ? -1 : heartbeat.beatAtMillis(), clock.millis());
        discard();
    }

    /** The transaction rolled back: nothing it counted happened. */
    public void discard() {
        pending.clear();
        heartbeat = null;
        snapshotEnded = false;
    }

    private static void setNullableLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }
}
