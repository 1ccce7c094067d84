package io.pg2polar.controlplane;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.health.ConnectorHealth;
import org.apache.kafka.connect.health.TaskState;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pg2polar.common.control.HeartbeatTable;
import io.pg2polar.common.naming.NameMapping;
import io.pg2polar.common.sink.ConnectorProgress;
import io.pg2polar.common.sink.TableProgress;
import io.pg2polar.common.sink.TableProgressReader;
import io.pg2polar.common.sql.TableId;

/**
 * The status of a migration as JSON: connector and task states, phase and counts per table from what the sink
 * committed on the target ({@code pg2polar.table_progress}), and lag from the heartbeats. Read from the
 * databases, so it is right on every worker and while the sink is paused.
 *
 * <p><b>Lag</b> is how far the target is behind the source: when the newest heartbeat the source wrote has been
 * applied, the time it took (source write to target commit); otherwise the source's clock now minus the source
 * time of the newest heartbeat applied. Both come from database clocks.
 */
final class MigrationStatus {

    static final String FAILED = "FAILED";
    /** The phase of a table whose topic the sink does not read. */
    static final String UNSUBSCRIBED = "unsubscribed";

    private static final ObjectMapper JSON = new ObjectMapper();

    private MigrationStatus() {}

    static ObjectNode read(Migration migration, ConnectClusterState cluster) throws SQLException {
        ObjectNode root = JSON.createObjectNode();
        root.put("migration", migration.name());
        ObjectNode connectors = root.putObject("connectors");
        ArrayNode errors = JSON.createArrayNode();
        String sourceState = connector(connectors.putObject("source"), migration.sourceConnector(), cluster, errors);
        String sinkState = connector(connectors.putObject("sink"), migration.sinkConnector(), cluster, errors);
        boolean streams = migration.source().streams();
        try (Connection source = migration.connectSource();
                Connection target = migration.hasSink() ? migration.connectTarget() : null) {
            List<TableId> tables = migration.tables(source);
            Map<TableId, Long> estimates = rowEstimates(source, tables);
            HeartbeatTable.Beat sourceBeat = HeartbeatTable.latest(source, migration.slotName());
            ObjectNode slot = root.putObject("source");
            slotStatus(source, migration.slotName(), slot);
            ConnectorProgress progress =
                    target == null ? ConnectorProgress.NONE : ConnectorProgress.read(target, migration.sinkConnector());
            Long lag = lag(sourceBeat, progress);
            boolean snapshotCompleted = progress.snapshotCompletedAt() != null;
            ArrayNode tableNodes = root.putArray("tables");
            ObjectNode totals = JSON.createObjectNode();
            Map<String, Integer> phases = new HashMap<>();
            NameMapping mapping = migration.hasSink() ? migration.nameMapping() : NameMapping.IDENTITY;
            Map<TableId, String> unread = migration.hasSink()
                    ? SinkTopics.of(migration.sinkConfig())
                            .unread(tables, migration.source().topicNaming())
                    : Map.of();
            if (!unread.isEmpty()) {
                errors.add(SinkTopics.of(migration.sinkConfig()).problem(migration.sinkConnector(), unread));
            }
            try (TableProgressReader targetProgress = TableProgressReader.open(target, migration.sinkConnector())) {
                for (TableId table : tables) {
                    ObjectNode node = tableNodes.addObject();
                    node.put("schema", table.schema());
                    node.put("table", table.table());
                    Long estimate = estimates.get(table);
                    if (estimate != null) {
                        node.put("sourceRows", estimate);
                    }
                    if (unread.containsKey(table)) {
                        // its rows never reach the target: not pending, and never incremental when the other tables are
                        node.put("topic", unread.get(table));
                        node.put("phase", UNSUBSCRIBED);
                        phases.merge(UNSUBSCRIBED, 1, Integer::sum);
                        continue;
                    }
                    String phase;
                    TableId targetTable = mapping.table(table);
                    if (!targetTable.equals(table)) {
                        node.put("targetSchema", targetTable.schema());
                        node.put("targetTable", targetTable.table());
                    }
                    Optional<TableProgress> applied = targetProgress.of(targetTable);
                    if (applied.isPresent()) {
                        TableProgress row = applied.get();
                        phase = TablePhase.of(applied, snapshotCompleted, true, streams);
                        if (row.chunksTotal() > 0) {
                            node.put("chunksDone", row.chunksDone());
                            node.put("chunksTotal", row.chunksTotal());
                        }
                        counts(row).forEach((field, count) -> {
                            node.put(field, count);
                            totals.put(field, totals.path(field).asLong() + count);
                        });
                        if (row.lastLatencyMillis() != null) {
                            node.put("lagMillis", row.lastLatencyMillis());
                        }
                        if (row.lastAppliedAt() != null) {
                            node.put("lastAppliedAt", row.lastAppliedAt().toString());
                        }
                    } else {
                        phase = TablePhase.of(applied, snapshotCompleted, targetProgress.exists(targetTable), streams);
                    }
                    node.put("phase", phase);
                    phases.merge(phase, 1, Integer::sum);
                }
            }
            root.set("totals", totals);
            if (lag != null) {
                root.put("lagMillis", lag);
            }
            ObjectNode heartbeat = root.putObject("heartbeat");
            if (sourceBeat != null) {
                heartbeat.put("sourceWrittenAtMillis", sourceBeat.beatAtMillis());
            }
            if (progress.heartbeatAtMillis() != null) {
                heartbeat.put("appliedSourceMillis", progress.heartbeatAtMillis());
            }
            root.put("phase", overallPhase(sourceState, sinkState, phases, tables.size(), streams));
            ObjectNode phaseCounts = root.putObject("tablesByPhase");
            phases.forEach(phaseCounts::put);
        }
        root.set("errors", errors);
        return root;
    }

    private static String overallPhase(
            String sourceState, String sinkState, Map<String, Integer> phases, int tables, boolean streams) {
        if (FAILED.equals(sourceState) || FAILED.equals(sinkState)) {
            return "failed";
        }
        if ("PAUSED".equals(sourceState) || "PAUSED".equals(sinkState)) {
            return "paused";
        }
        if (phases.getOrDefault("full-load", 0) > 0) {
            return "full-load";
        }
        if (phases.getOrDefault("schema", 0) + phases.getOrDefault("pending", 0) > 0) {
            return tables == phases.getOrDefault("schema", 0) + phases.getOrDefault("pending", 0)
                    ? "schema"
                    : "full-load";
        }
        // every table the sink reads is done, but some never reach the target (the errors say which)
        if (phases.getOrDefault(UNSUBSCRIBED, 0) > 0) {
            return "incomplete";
        }
        return streams ? "incremental" : "completed";
    }

    /** Writes the connector's state and tasks; returns the state, FAILED when a task failed, MISSING when absent. */
    static String connector(ObjectNode node, String name, ConnectClusterState cluster, ArrayNode errors) {
        node.put("name", name);
        ConnectorHealth health;
        try {
            health = cluster.connectorHealth(name);
        } catch (RuntimeException e) {
            node.put("state", "MISSING");
            return "MISSING";
        }
        String state = health.connectorState().state();
        ArrayNode tasks = node.putArray("tasks");
        for (Map.Entry<Integer, TaskState> entry : new java.util.TreeMap<>(health.tasksState()).entrySet()) {
            TaskState task = entry.getValue();
            ObjectNode t = tasks.addObject()
                    .put("id", entry.getKey())
                    .put("state", task.state())
                    .put("workerId", task.workerId());
            if (task.traceMessage() != null && !task.traceMessage().isBlank()) {
                t.put("trace", task.traceMessage());
                errors.add(name + " task " + entry.getKey() + ": "
                        + task.traceMessage().lines().findFirst().orElse(""));
            }
            if (FAILED.equals(task.state())) {
                state = FAILED;
            }
        }
        node.put("state", state);
        return state;
    }

    /** @param source null when the source has no heartbeat */
    static Long lag(HeartbeatTable.Beat source, ConnectorProgress progress) {
        Long applied = progress.heartbeatAtMillis();
        if (source == null || applied == null) {
            return null;
        }
        if (applied >= source.beatAtMillis()) {
            return Math.max(0, progress.heartbeatAppliedMillis() - applied);
        }
        return Math.max(0, source.nowMillis() - applied);
    }

    private static void slotStatus(Connection source, String slot, ObjectNode node) throws SQLException {
        node.put("slot", slot);
        try (PreparedStatement statement = source.prepareStatement("""
                SELECT active, confirmed_flush_lsn::text, pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint
                FROM pg_replication_slots WHERE slot_name = ?""")) {
            statement.setString(1, slot);
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    node.put("slotActive", rs.getBoolean(1));
                    node.put("confirmedFlushLsn", rs.getString(2));
                    node.put("retainedWalBytes", rs.getLong(3));
                } else {
                    node.putNull("slotActive");
                }
            }
        }
    }

    /** Rows per table: the planner's estimate, or an exact count for tables never analysed and below 64 MB. */
    private static Map<TableId, Long> rowEstimates(Connection source, List<TableId> tables) throws SQLException {
        Map<TableId, Long> estimates = new HashMap<>();
        try (PreparedStatement statement = source.prepareStatement(
                "SELECT c.reltuples::bigint, pg_relation_size(c.oid) FROM pg_class c WHERE c.oid = to_regclass(?)")) {
            for (TableId table : tables) {
                statement.setString(1, table.quoted());
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    long estimate = rs.getLong(1);
                    if (estimate < 0 && rs.getLong(2) < 64L * 1024 * 1024) {
                        try (var count = source.createStatement();
                                ResultSet c = count.executeQuery("SELECT count(*) FROM " + table.quoted())) {
                            c.next();
                            estimate = c.getLong(1);
                        }
                    }
                    if (estimate >= 0) {
                        estimates.put(table, estimate);
                    }
                }
            }
        }
        return estimates;
    }

    /** The table's counts under their status field names, in the order the status lists them. */
    private static Map<String, Long> counts(TableProgress table) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("snapshotRows", table.snapshotRows());
        counts.put("inserts", table.inserts());
        counts.put("updates", table.updates());
        counts.put("deletes", table.deletes());
        counts.put("truncates", table.truncates());
        counts.put("ddl", table.ddl());
        counts.put("rejected", table.rejected());
        return counts;
    }
}
