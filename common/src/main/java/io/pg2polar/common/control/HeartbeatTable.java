package io.pg2polar.common.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.sql.Identifiers;

/**
 * The source's heartbeat table, {@code pg2polar.heartbeat}: one row per migration (replication slot), rewritten by
 * Debezium's {@code heartbeat.action.query} at each {@code heartbeat.interval.ms}. The write goes through the WAL
 * like any row, so an idle database still moves the slot forward (no WAL piles up behind it) and the sink learns
 * how far behind it is. Removed with the DDL capture objects by {@code SELECT pg2polar.uninstall()}.
 */
public final class HeartbeatTable {

    public static final String QUALIFIED_NAME = "pg2polar." + Heartbeat.TABLE;

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatTable.class);
    private static final String CREATE = """
            CREATE SCHEMA IF NOT EXISTS pg2polar;
            CREATE TABLE IF NOT EXISTS pg2polar.heartbeat (
                slot_name text PRIMARY KEY,
                beat_at_ms bigint NOT NULL);
            COMMENT ON TABLE pg2polar.heartbeat IS
                'pg2polar heartbeats: rewritten every heartbeat.interval.ms so idle databases advance the slot and the sink measures lag'""";

    private HeartbeatTable() {
    }

    /**
     * Creates the table unless it exists.
     *
     * @param connection a connection with auto-commit off
     * @return false when the account may not create it: the migration then runs without heartbeats
     */
    public static boolean ensure(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SAVEPOINT heartbeat_table");
            statement.execute(CREATE);
            statement.execute("RELEASE SAVEPOINT heartbeat_table");
            return true;
        }
        catch (SQLException e) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ROLLBACK TO SAVEPOINT heartbeat_table");
            }
            LOG.warn("Cannot create the heartbeat table {} on the source ({}): the migration runs without heartbeats, so an idle"
                    + " source does not advance the replication slot and lag is only known when rows change. Grant CREATE on the"
                    + " database to the source user, or create the table as: {}", QUALIFIED_NAME, e.getMessage(), CREATE);
            return false;
        }
    }

    /** The statement Debezium runs at each heartbeat: the slot's row, stamped with the source's clock. */
    public static String actionQuery(String slot) {
        return "INSERT INTO pg2polar.heartbeat (slot_name, beat_at_ms) VALUES (" + Identifiers.literal(slot)
                + ", (extract(epoch FROM clock_timestamp()) * 1000)::bigint)"
                + " ON CONFLICT (slot_name) DO UPDATE SET beat_at_ms = EXCLUDED.beat_at_ms";
    }
}
