package io.pg2polar.quickstart;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.servers.postgres.PostgresServer;

/**
 * Removes what a migration left on the source once its connector is deleted: the replication slot (an unused
 * slot keeps WAL forever), the publication and the DDL capture objects.
 */
final class SourceCleanup {

    private SourceCleanup() {}

    static void run(PostgresServer source, String database, String slot, PrintStream out) {
        try (Connection connection = source.connect(database);
                Statement statement = connection.createStatement()) {
            awaitReleased(connection, slot);
            try (PreparedStatement drop = connection.prepareStatement(
                    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
                drop.setString(1, slot);
                drop.execute();
            }
            statement.execute("DROP PUBLICATION IF EXISTS " + Identifiers.quote(slot));
            statement.execute(
                    "DO $$ BEGIN IF to_regproc('pg2polar.uninstall') IS NOT NULL THEN PERFORM pg2polar.uninstall(); END IF; END $$");
            out.println("Removed replication slot and publication " + slot
                    + " and the DDL capture objects from the source.");
        } catch (SQLException e) {
            out.println("Could not clean up the source (" + e.getMessage() + "); drop replication slot " + slot
                    + " yourself: SELECT pg_drop_replication_slot('" + slot + "')");
        }
    }

    /** A deleted connector's task lets go of the slot within moments; dropping an active slot fails. */
    private static void awaitReleased(Connection connection, String slot) throws SQLException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        try (PreparedStatement active =
                connection.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            active.setString(1, slot);
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet rs = active.executeQuery()) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        return;
                    }
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
