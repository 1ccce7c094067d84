package io.pg2polar.common.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

    private HeartbeatTable() {}

    /**
     * Creates the table unless it exists and the account may write it (an owner may have made it for an account
     * without CREATE on the database: creating the schema, even {@code IF NOT EXISTS}, needs that privilege).
     *
     * @param connection a connection with auto-commit off
     * @return false when the account may not create it: the migration then runs without heartbeats
     */
    public static boolean ensure(Connection connection) throws SQLException {
        if (writable(connection)) {
            return true;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SAVEPOINT heartbeat_table");
            statement.execute(CREATE);
            statement.execute("RELEASE SAVEPOINT heartbeat_table");
            return true;
        } catch (SQLException e) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ROLLBACK TO SAVEPOINT heartbeat_table");
            }
            LOG.warn(
                    "Cannot create the heartbeat table {} on the source ({}): the migration runs without heartbeats, so an idle"
                            + " source does not advance the replication slot and lag is only known when rows change. Grant CREATE on the"
                            + " database to the source user, or create the table as an owner ({}) and GRANT USAGE ON SCHEMA pg2polar and"
                            + " SELECT, INSERT, UPDATE ON {} to the source user",
                    QUALIFIED_NAME,
                    e.getMessage(),
                    CREATE,
                    QUALIFIED_NAME);
            return false;
        }
    }

    /** Writes a heartbeat now, as Debezium does at each interval; returns its time on the source's clock. */
    public static long beat(Connection connection, String slot) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(actionQuery(slot) + " RETURNING beat_at_ms")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A migration's newest heartbeat on the source, and the source's clock when it was read. */
    public record Beat(long beatAtMillis, long nowMillis) {}

    /**
     * The slot's newest heartbeat.
     *
     * @param connection a connection in auto-commit mode
     * @return null when the slot has none or the table does not exist (a migration without heartbeats)
     */
    public static Beat latest(Connection connection, String slot) {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT h.beat_at_ms, (extract(epoch FROM clock_timestamp()) * 1000)::bigint FROM pg2polar.heartbeat h WHERE h.slot_name = ?
                """)) {
            statement.setString(1, slot);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? new Beat(rs.getLong(1), rs.getLong(2)) : null;
            }
        } catch (SQLException e) {
            // no heartbeat table (auto-commit: nothing to roll back): a migration without heartbeats
            return null;
        }
    }

    /** Removes the slot's row, when the table exists: its migration is over. */
    public static void deleteRow(Connection connection, String slot) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT to_regclass('pg2polar.heartbeat') IS NOT NULL")) {
            if (!rs.next() || !rs.getBoolean(1)) {
                return;
            }
        }
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM pg2polar.heartbeat WHERE slot_name = ?")) {
            delete.setString(1, slot);
            delete.executeUpdate();
        }
    }

    private static boolean writable(Connection connection) throws SQLException {
        // by OID: a name lookup in a schema the account may not use would fail instead of answering false
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                SELECT has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE')
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'pg2polar' AND c.relname = 'heartbeat'""")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** The statement Debezium runs at each heartbeat: the slot's row, stamped with the source's clock. */
    public static String actionQuery(String slot) {
        return "INSERT INTO pg2polar.heartbeat (slot_name, beat_at_ms) VALUES (" + Identifiers.literal(slot)
                + ", (extract(epoch FROM clock_timestamp()) * 1000)::bigint)"
                + " ON CONFLICT (slot_name) DO UPDATE SET beat_at_ms = EXCLUDED.beat_at_ms";
    }
}
