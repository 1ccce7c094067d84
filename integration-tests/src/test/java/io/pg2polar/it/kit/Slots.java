package io.pg2polar.it.kit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.pg2polar.servers.postgres.PostgresServer;

/** Replication slots on the source: tests drop theirs, since an inactive slot pins WAL forever. */
public final class Slots {

    private Slots() {}

    /** How many slots exist for a database. */
    public static long count(PostgresServer server, String database) {
        return queryLong(server, "SELECT count(*) FROM pg_replication_slots WHERE database = '" + database + "'");
    }

    /** Waits until the deleted connector released the slot, then drops it. */
    public static void drop(PostgresServer server, String database, String slot) {
        Await.until(
                "slot " + slot + " is released",
                Duration.ofMinutes(2),
                () -> queryLong(
                                server,
                                "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND active")
                        == 0);
        server.execute(
                database,
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot
                        + "'");
    }

    /** The slot's {@code wal_status} (PostgreSQL 13+), or null when there is no such slot. */
    public static String walStatus(PostgresServer server, String slot) {
        try (Connection connection = server.connect("postgres");
                java.sql.PreparedStatement statement = connection.prepareStatement(
                        "SELECT wal_status FROM pg_replication_slots WHERE slot_name = ?")) {
            statement.setString(1, slot);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until no connector holds a slot of the database any more, then drops them: a database with a slot cannot be dropped. */
    public static void dropAll(PostgresServer server, String database) {
        String ofDatabase = "FROM pg_replication_slots WHERE database = '" + database + "'";
        Await.until(
                "every slot of " + database + " is released",
                Duration.ofMinutes(2),
                () -> queryLong(server, "SELECT count(*) " + ofDatabase + " AND active") == 0);
        server.execute(database, "SELECT pg_drop_replication_slot(slot_name) " + ofDatabase);
    }

    /** Waits until no connector holds a slot any more, then drops every slot of the server. */
    public static void dropAll(PostgresServer server) {
        Await.until(
                "every slot is released",
                Duration.ofMinutes(1),
                () -> queryLong(server, "SELECT count(*) FROM pg_replication_slots WHERE active") == 0);
        server.execute("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots");
    }

    private static long queryLong(PostgresServer server, String sql) {
        try (Connection connection = server.connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
