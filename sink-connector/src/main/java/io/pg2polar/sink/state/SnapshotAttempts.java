package io.pg2polar.sink.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.dialect.StateStatements;

/**
 * Which snapshot (or chunked load, identified by the WAL position it streams from) each target table holds rows from,
 * and whether its chunked load is under way, kept in {@code pg2polar.snapshot_attempts} in the same transaction as the
 * rows. When rows of a newer snapshot of the table arrive (the first one was interrupted and started over), or a new
 * load of it begins, the table is emptied first, so rows the source deleted between the two are not left behind.
 */
public final class SnapshotAttempts {

    /** Where a table's chunked load stands on the target. */
    private record LoadState(boolean loading, boolean replacing) {}

    private final StateStatements state;
    private final String connector;
    private final Map<TableId, Long> known = new HashMap<>();
    private final Map<TableId, LoadState> states = new HashMap<>();

    public SnapshotAttempts(StateStatements state, String connector) {
        this.state = state;
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
        try (PreparedStatement statement = connection.prepareStatement(state.saveSnapshot())) {
            statement.setString(1, connector);
            statement.setString(2, table.schema());
            statement.setString(3, table.table());
            statement.setLong(4, position);
            statement.executeUpdate();
        }
        known.put(table, position);
        return true;
    }

    /**
     * A chunked load of the table begins at {@code position}: the table counts as loading until {@link #loadEnds}.
     *
     * @return true when that is a different load than the table held rows from (or none was recorded)
     */
    public boolean loadBegins(Connection connection, TableId table, long position) throws SQLException {
        boolean newer = begins(connection, table, position);
        setLoading(connection, table, true);
        return newer;
    }

    /** The table's chunked load has sent its last chunk. */
    public void loadEnds(Connection connection, TableId table) throws SQLException {
        setLoading(connection, table, false);
    }

    /** Whether the table's chunked load is under way: not all its rows are on the target yet. */
    public boolean loading(Connection connection, TableId table) throws SQLException {
        return state(connection, table).loading();
    }

    /**
     * Whether a chunk that holds the whole table (a table without a key) is being loaded over it: its changes until the
     * chunk's end are in the chunk or sent again after it (design decision 30), so they are not applied.
     */
    public boolean replacing(Connection connection, TableId table) throws SQLException {
        return state(connection, table).replacing();
    }

    /** A chunk that holds the whole table begins: the table was emptied for it. */
    public void replaceBegins(Connection connection, TableId table) throws SQLException {
        if (!replacing(connection, table)) {
            update(connection, state.setReplacing(), table, true);
            states.put(table, new LoadState(state(connection, table).loading(), true));
        }
    }

    /** A chunk ended: the table takes its changes again. */
    public void chunkEnds(Connection connection, TableId table) throws SQLException {
        if (replacing(connection, table)) {
            update(connection, state.setReplacing(), table, false);
            states.put(table, new LoadState(state(connection, table).loading(), false));
        }
    }

    private LoadState state(Connection connection, TableId table) throws SQLException {
        LoadState cached = states.get(table);
        if (cached != null) {
            return cached;
        }
        LoadState now;
        try (PreparedStatement statement = connection.prepareStatement(state.snapshotState())) {
            statement.setString(1, connector);
            statement.setString(2, table.schema());
            statement.setString(3, table.table());
            try (ResultSet rs = statement.executeQuery()) {
                now = rs.next() ? new LoadState(rs.getBoolean(1), rs.getBoolean(2)) : new LoadState(false, false);
            }
        }
        states.put(table, now);
        return now;
    }

    private void setLoading(Connection connection, TableId table, boolean value) throws SQLException {
        update(connection, state.setLoading(), table, value);
        states.put(table, new LoadState(value, state(connection, table).replacing()));
    }

    private void update(Connection connection, String sql, TableId table, boolean value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setBoolean(1, value);
            statement.setString(2, connector);
            statement.setString(3, table.schema());
            statement.setString(4, table.table());
            statement.executeUpdate();
        }
    }

    /** Whether the table holds rows of a full load of this connector (one that started over, say). */
    public boolean holdsRowsOfAFullLoad(Connection connection, TableId table) throws SQLException {
        return known.containsKey(table) || load(connection, table) != null;
    }

    /** Forgets what this transaction recorded, after a rollback. */
    public void clear() {
        known.clear();
        states.clear();
    }

    private Long load(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(state.loadSnapshot())) {
            statement.setString(1, connector);
            statement.setString(2, table.schema());
            statement.setString(3, table.table());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
