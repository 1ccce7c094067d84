package io.pg2polar.common.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * A sink connector's row of {@code pg2polar.connector_progress} on the target, written by the sink in the
 * transaction that applies the rows: the newest source heartbeat it applied and when the source's snapshot was
 * complete.
 *
 * @param heartbeatAtMillis       the source's clock when that heartbeat was written; null before the first
 * @param heartbeatAppliedMillis  the target's clock when it was applied; null before the first
 * @param snapshotCompletedAt     when the snapshot's last row was applied; null until then
 */
public record ConnectorProgress(Long heartbeatAtMillis, Long heartbeatAppliedMillis, Timestamp snapshotCompletedAt) {

    public static final String TABLE = "pg2polar.connector_progress";
    /** Nothing recorded yet. */
    public static final ConnectorProgress NONE = new ConnectorProgress(null, null, null);

    /** The connector's progress; {@link #NONE} when the sink has recorded none or not created its state tables yet. */
    public static ConnectorProgress read(Connection target, String sinkConnector) {
        try (PreparedStatement statement = target.prepareStatement("""
                SELECT heartbeat_at_ms, (extract(epoch FROM heartbeat_applied_at) * 1000)::bigint, snapshot_completed_at
                FROM pg2polar.connector_progress WHERE connector = ?""")) {
            statement.setString(1, sinkConnector);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return NONE;
                }
                long beat = rs.getLong(1);
                boolean beaten = !rs.wasNull();
                return new ConnectorProgress(beaten ? beat : null, beaten ? rs.getLong(2) : null, rs.getTimestamp(3));
            }
        } catch (SQLException e) {
            // the sink has not created its state tables yet
            return NONE;
        }
    }
}
