package io.pg2polar.controlplane;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The lag of a migration over the last hour, from {@code pg2polar.lag_history}: the sink writes a row in the
 * transaction that applies each source heartbeat (every 2 s), so the history is the same on every worker, survives
 * worker restarts and has no holes while any worker is down. Each point is the lag as that heartbeat was applied
 * (target clock then minus the source clock when it was written), the figure the status calls lag.
 */
final class LagHistory {

    static final long WINDOW_MILLIS = 3_600_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POINTS = """
            SELECT (extract(epoch FROM applied_at) * 1000)::bigint AS at, heartbeat_at_ms
            FROM pg2polar.lag_history
            WHERE connector = ? AND applied_at > to_timestamp(CAST(? AS double precision) / 1000)
            ORDER BY applied_at""";

    private LagHistory() {}

    /**
     * {@code {"nowMillis": target clock, "windowMillis", "points": [{"at": ms, "lagMillis"}]}}, oldest first, of the
     * last hour or after {@code sinceMillis}.
     */
    static ObjectNode read(Migration migration, Long sinceMillis) throws SQLException {
        ObjectNode root = JSON.createObjectNode();
        root.put("windowMillis", WINDOW_MILLIS);
        ArrayNode points = root.putArray("points");
        if (!migration.hasSink()) {
            root.put("nowMillis", System.currentTimeMillis());
            return root;
        }
        try (Connection target = migration.connectTarget()) {
            long now;
            try (PreparedStatement statement =
                            target.prepareStatement("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint");
                    ResultSet rs = statement.executeQuery()) {
                rs.next();
                now = rs.getLong(1);
            }
            root.put("nowMillis", now);
            long from = Math.max(now - WINDOW_MILLIS, sinceMillis == null ? Long.MIN_VALUE : sinceMillis);
            try (PreparedStatement statement = target.prepareStatement(POINTS)) {
                statement.setString(1, migration.sinkConnector());
                statement.setLong(2, from);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        long at = rs.getLong(1);
                        points.addObject().put("at", at).put("lagMillis", Math.max(0, at - rs.getLong(2)));
                    }
                }
            } catch (SQLException e) {
                if (!"42P01".equals(e.getSQLState())) {
                    throw e;
                }
                // undefined table: a sink of an earlier version, or one that has not started yet
            }
        }
        return root;
    }
}
