package io.pg2polar.common.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import io.pg2polar.common.sql.TableId;

/**
 * Reads what a sink connector recorded per table on the target ({@code pg2polar.table_progress}); knows nothing when
 * the sink connector does not exist or has not created its state yet.
 */
public final class TableProgressReader implements AutoCloseable {

    public static final String TABLE = "pg2polar.table_progress";
    private static final String ONE_TABLE = """
            SELECT snapshot_rows, snapshot_done, inserts, updates, deletes, truncates, ddl, rejected, last_latency_ms, last_applied_at,
                   loading, chunks_done, chunks_total
            FROM pg2polar.table_progress WHERE connector = ? AND table_schema = ? AND table_name = ?""";
    private static final String TABLES =
            "SELECT table_schema, table_name FROM pg2polar.table_progress WHERE connector = ?";

    private final PreparedStatement progress;
    private final PreparedStatement exists;

    private TableProgressReader(PreparedStatement progress, PreparedStatement exists) {
        this.progress = progress;
        this.exists = exists;
    }

    /** @param target null when there is no sink */
    public static TableProgressReader open(Connection target, String sinkConnector) throws SQLException {
        if (target == null) {
            return new TableProgressReader(null, null);
        }
        PreparedStatement exists = target.prepareStatement("SELECT to_regclass(?) IS NOT NULL");
        PreparedStatement progress = null;
        if (relationExists(exists, TABLE)) {
            progress = target.prepareStatement(ONE_TABLE);
            progress.setString(1, sinkConnector);
        }
        return new TableProgressReader(progress, exists);
    }

    /** The table's progress; empty when the sink recorded none for it or none can exist. */
    public Optional<TableProgress> of(TableId table) throws SQLException {
        if (progress == null) {
            return Optional.empty();
        }
        progress.setString(2, table.schema());
        progress.setString(3, table.table());
        try (ResultSet rs = progress.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            long latency = rs.getLong("last_latency_ms");
            Long lastLatency = rs.wasNull() ? null : latency;
            Timestamp applied = rs.getTimestamp("last_applied_at");
            return Optional.of(new TableProgress(
                    rs.getLong("snapshot_rows"),
                    rs.getBoolean("snapshot_done"),
                    rs.getLong("inserts"),
                    rs.getLong("updates"),
                    rs.getLong("deletes"),
                    rs.getLong("truncates"),
                    rs.getLong("ddl"),
                    rs.getLong("rejected"),
                    lastLatency,
                    applied == null ? null : applied.toInstant(),
                    rs.getBoolean("loading"),
                    rs.getLong("chunks_done"),
                    rs.getLong("chunks_total")));
        }
    }

    /** Whether the table exists on the target. */
    public boolean exists(TableId table) throws SQLException {
        return exists != null && relationExists(exists, table.quoted());
    }

    /** The target tables the sink connector has recorded progress for: its own, whatever rows they hold. */
    public static Set<TableId> tablesOf(Connection target, String sinkConnector) throws SQLException {
        Set<TableId> tables = new HashSet<>();
        try (PreparedStatement exists = target.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            if (!relationExists(exists, TABLE)) {
                return tables;
            }
        }
        try (PreparedStatement statement = target.prepareStatement(TABLES)) {
            statement.setString(1, sinkConnector);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.add(new TableId(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return tables;
    }

    private static boolean relationExists(PreparedStatement exists, String name) throws SQLException {
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
