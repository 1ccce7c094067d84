package io.pg2polar.sink.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import io.pg2polar.common.sql.TableId;

/**
 * Which snapshot each target table holds rows from, kept in {@code pg2polar.snapshot_attempts} in the same
 * transaction as the rows. When rows of a newer snapshot of the table arrive (the first one was interrupted
 * and started over), the table is emptied first, so rows the source deleted between the two are not left
 * behind.
 */
public final class SnapshotAttempts {

    private static final String LOAD = """
            SELECT snapshot_position FROM pg2polar.snapshot_attempts WHERE connector = ? AND table_schema = ? AND table_name = ?""";
    private static final String SAVE = """
            INSERT INTO pg2polar.snapshot_attempts (connector, table_schema, table_name, snapshot_position) VALUES (?, ?, ?, ?)
            ON CONFLICT (connector, table_schema, table_name) DO UPDATE SET snapshot_position = EXCLUDED.snapshot_position, started_at = now()""";

    private final String connector;
    private final Map<TableId, Long> known = new HashMap<>();

    public SnapshotAttempts(String connector) {
        this.connector = connector;
    }

    /**
     * Records that the table now receives rows of the snapshot taken at {@code position}.
     *
     * @return true when that is a different snapshot than the table held rows from (or none was recorded)
     */
    public boolean begins(Connection connection, TableId table, long position) throws SQLException {
        Long current = known.containsKey(table) ? known.get(table) : load(connection, table);
        if (current != null && current == position) {
            return false;
        }
        try (PreparedStatement statement = connection.prepareStatement(SAVE)) {
            statement.setString(1, connector);
            statement.setString(2, table.schema());
            statement.setString(3, table.table());
            statement.setLong(4, position);
            statement.executeUpdate();
        }
        known.put(table, position);
        return true;
    }

    /** Whether the table holds rows of a full load of this connector (one that started over, say). */
    public boolean holdsRowsOfAFullLoad(Connection connection, TableId table) throws SQLException {
        return known.containsKey(table) || load(connection, table) != null;
    }

    /** Forgets what this transaction recorded, after a rollback. */
    public void clear() {
        known.clear();
    }

    private Long load(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LOAD)) {
            statement.setString(1, connector);
            statement.setString(2, table.schema());
            statement.setString(3, table.table());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
