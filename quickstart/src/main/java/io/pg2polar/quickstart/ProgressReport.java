package io.pg2polar.quickstart;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.servers.connect.ConnectRestClient;
import io.pg2polar.servers.postgres.PostgresServer;

/**
 * The migration's phase and lag as pg2polar's REST extension reports them (what {@code GET
 * /pg2polar/migrations/<name>} returns to users), how much WAL the source has written that the migration has
 * not confirmed yet (the slot's lag), the connectors' and tasks' states, and a line per table: rows on the
 * source and on the target (exact below a million rows, the planner's estimate above) and the table's phase.
 * While changes stream the two counts may differ by what is in flight; the phase says what the sink is doing.
 */
final class ProgressReport {

    private static final long EXACT_BELOW = 1_000_000;

    private final ConnectRestClient rest;
    private final PostgresServer source;
    private final String sourceDatabase;
    private final PostgresServer target;
    private final String targetDatabase;
    private final String slot;
    private final String migration;

    ProgressReport(
            ConnectRestClient rest,
            PostgresServer source,
            String sourceDatabase,
            PostgresServer target,
            String targetDatabase,
            String slot,
            String migration) {
        this.rest = rest;
        this.source = source;
        this.sourceDatabase = sourceDatabase;
        this.target = target;
        this.targetDatabase = targetDatabase;
        this.slot = slot;
        this.migration = migration;
    }

    String render(Duration elapsed, List<String> connectors, List<TableId> tables) {
        JsonNode status = migrationStatus();
        StringBuilder out = new StringBuilder(String.format(
                "[%4ds] migration %s: %s",
                elapsed.toSeconds(), migration, status.path("phase").asText("status unknown")));
        if (status.has("lagMillis")) {
            out.append(", lag ").append(status.path("lagMillis").asLong()).append(" ms");
        }
        out.append("; source WAL not yet confirmed: ").append(slotLag()).append('\n');
        out.append("      ");
        for (String connector : connectors) {
            out.append("  ").append(connector).append(": ").append(states(connector));
        }
        out.append('\n');
        Map<TableId, String> phases = new HashMap<>();
        status.path("tables")
                .forEach(node -> phases.put(
                        new TableId(
                                node.path("schema").asText(), node.path("table").asText()),
                        phase(node)));
        for (TableId table : tables) {
            out.append(String.format(
                    "        %-40s source %10s  target %10s  %s%n",
                    table,
                    rows(source, sourceDatabase, table),
                    rows(target, targetDatabase, table),
                    phases.getOrDefault(table, "")));
        }
        for (JsonNode error : status.path("errors")) {
            out.append("        error: ").append(error.asText()).append('\n');
        }
        if (status.has("unreachable")) {
            out.append("        status not reachable: ")
                    .append(status.path("unreachable").asText())
                    .append('\n');
        }
        return out.toString();
    }

    /** The table's phase, with its chunks while it loads (a chunked full load): {@code full-load 12/63 chunks}. */
    private static String phase(JsonNode table) {
        String phase = table.path("phase").asText();
        if ("full-load".equals(phase) && table.has("chunksTotal")) {
            return phase + ' ' + table.path("chunksDone").asLong() + '/'
                    + table.path("chunksTotal").asLong() + " chunks";
        }
        return phase;
    }

    private JsonNode migrationStatus() {
        try {
            return rest.get("/pg2polar/migrations/" + migration);
        } catch (RuntimeException e) {
            return JsonNodeFactory.instance.objectNode().put("unreachable", e.getMessage());
        }
    }

    private String states(String connector) {
        try {
            JsonNode status = rest.status(connector);
            StringBuilder states =
                    new StringBuilder(status.path("connector").path("state").asText());
            for (JsonNode task : status.path("tasks")) {
                states.append('/').append(task.path("state").asText());
            }
            return states.toString();
        } catch (RuntimeException e) {
            return "not reachable (" + e.getMessage() + ")";
        }
    }

    private String slotLag() {
        try (Connection connection = source.connect(sourceDatabase);
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn))
                        FROM pg_replication_slots WHERE slot_name = ?""")) {
            statement.setString(1, slot);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : "no slot yet";
            }
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String rows(PostgresServer server, String database, TableId table) {
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement();
                PreparedStatement estimateQuery = connection.prepareStatement(
                        "SELECT coalesce((SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)), -2)")) {
            estimateQuery.setString(1, table.quoted());
            try (ResultSet estimate = estimateQuery.executeQuery()) {
                estimate.next();
                long estimated = estimate.getLong(1);
                if (estimated == -2) {
                    return "-";
                }
                if (estimated >= EXACT_BELOW) {
                    return "~" + estimated;
                }
            }
            try (ResultSet exact = statement.executeQuery("SELECT count(*) FROM " + table.quoted())) {
                exact.next();
                return Long.toString(exact.getLong(1));
            }
        } catch (SQLException e) {
            return "?";
        }
    }
}
