package io.pg2polar.controlplane;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.pg2polar.common.sql.TableId;

/**
 * Reads what the sink recorded per table on the target ({@code pg2polar.table_progress}); knows nothing when the
 * sink connector does not exist or has not created its state yet.
 */
final class TargetProgress implements AutoCloseable {

    private final PreparedStatement progress;
    private final PreparedStatement exists;

    private TargetProgress(PreparedStatement progress, PreparedStatement exists) {
        this.progress = progress;
        this.exists = exists;
    }

    /** @param target null when there is no sink */
    static TargetProgress open(Connection target, String sinkConnector) throws SQLException {
        if (target == null) {
            return new TargetProgress(null, null);
        }
        PreparedStatement exists = target.prepareStatement("SELECT to_regclass(?) IS NOT NULL");
        PreparedStatement progress = null;
        if (tableExists(exists, "pg2polar.table_progress")) {
            progress = target.prepareStatement("""
                    SELECT snapshot_rows, snapshot_done, inserts, updates, deletes, truncates, ddl, rejected, last_latency_ms, last_applied_at
                    FROM pg2polar.table_progress WHERE connector = ? AND table_schema = ? AND table_name = ?""");
            progress.setString(1, sinkConnector);
        }
        return new TargetProgress(progress, exists);
    }

    /** The table's progress row (call next()), or null when none can exist. */
    ResultSet of(TableId table) throws SQLException {
        if (progress == null) {
            return null;
        }
        progress.setString(2, table.schema());
        progress.setString(3, table.table());
        return progress.executeQuery();
    }

    /** Whether the table exists on the target. */
    boolean exists(TableId table) throws SQLException {
        return exists != null && tableExists(exists, table.quoted());
    }

    private static boolean tableExists(PreparedStatement exists, String name) throws SQLException {
        exists.setString(1, name);
        try (ResultSet rs = exists.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    @Override
    public void close() throws SQLException {
        if (progress != null) {
            progress.close();
        }
        if (exists != null) {
            exists.close();
        }
    }
}
