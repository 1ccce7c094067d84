package io.pg2polar.source.copy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Takes the full load's snapshots one at a time and reports each to the {@link ChunkWindows} before the next is taken,
 * so the windows know them in the order PostgreSQL took them: a snapshot taken later sees everything an earlier one
 * saw, which is what lets the windows forget sent transactions that a later snapshot shows visible.
 */
final class SnapshotOrder {

    private final ChunkWindows windows;

    SnapshotOrder(ChunkWindows windows) {
        this.windows = windows;
    }

    /**
     * The snapshot of the connection's transaction (taking it, when none is yet), reported for {@code window}; a
     * negative window reports a snapshot taken only to learn what is visible.
     */
    synchronized XidSnapshot take(Connection connection, long window) throws SQLException {
        String function = connection.getMetaData().getDatabaseMajorVersion() >= 13
                ? "pg_current_snapshot"
                : "txid_current_snapshot";
        XidSnapshot snapshot;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_catalog." + function + "()::text")) {
            rs.next();
            snapshot = XidSnapshot.parse(rs.getString(1));
        }
        windows.snapshotTaken(window, snapshot);
        return snapshot;
    }
}
