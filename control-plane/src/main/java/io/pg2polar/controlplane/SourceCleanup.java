package io.pg2polar.controlplane;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import io.pg2polar.common.control.HeartbeatTable;
import io.pg2polar.common.naming.ReplicationNames;
import io.pg2polar.common.sql.Identifiers;

/**
 * Removes what a migration created on the source: its replication slot (an abandoned slot keeps WAL forever),
 * its publication, its heartbeat row and, when no other pg2polar migration uses the database, the pg2polar schema
 * with DDL capture and heartbeat table ({@code pg2polar.uninstall()}). Refuses while the slot is in use.
 */
final class SourceCleanup {

    private static final Duration RELEASE_WAIT = Duration.ofSeconds(30);

    private SourceCleanup() {}

    static StepReport run(Migration migration) {
        StepReport report = new StepReport(migration.name(), "cleanup", false);
        String slot = migration.slotName();
        try (Connection source = migration.connectSource();
                Statement statement = source.createStatement()) {
            if (!awaitReleased(source, slot)) {
                report.step(
                        "check-slot",
                        StepReport.FAILED,
                        "Replication slot " + slot + " is still in use by a running task; delete the source"
                                + " connector first");
                return report;
            }
            try (PreparedStatement drop = source.prepareStatement(
                    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ? AND database = current_database()")) {
                drop.setString(1, slot);
                try (ResultSet rs = drop.executeQuery()) {
                    report.step(
                            "drop-slot",
                            rs.next() ? StepReport.DONE : StepReport.SKIPPED,
                            "Replication slot " + slot + (rs.getRow() > 0 ? " dropped" : " did not exist"));
                }
            }
            statement.execute("DROP PUBLICATION IF EXISTS " + Identifiers.quote(migration.publicationName()));
            report.step(
                    "drop-publication",
                    StepReport.DONE,
                    "Publication " + migration.publicationName() + " dropped (if it existed)");
            if (otherMigrations(source, slot) > 0) {
                HeartbeatTable.deleteRow(source, slot);
                report.step(
                        "uninstall",
                        StepReport.SKIPPED,
                        "Other pg2polar replication slots remain on this database, so the shared pg2polar"
                                + " schema stays; this migration's heartbeat row was removed");
            } else {
                statement.execute(
                        "DO $$ BEGIN IF to_regproc('pg2polar.uninstall') IS NOT NULL THEN PERFORM pg2polar.uninstall();"
                                + " ELSE DROP SCHEMA IF EXISTS pg2polar CASCADE; END IF; END $$");
                report.step(
                        "uninstall",
                        StepReport.DONE,
                        "Removed schema pg2polar: DDL capture event triggers, functions, log and heartbeat tables");
            }
        } catch (SQLException e) {
            report.step(
                    "database",
                    StepReport.FAILED,
                    "Cleaning up " + migration.sourceEndpoint().describe() + " failed: " + e.getMessage());
        }
        return report;
    }

    private static int otherMigrations(Connection source, String slot) throws SQLException {
        try (PreparedStatement statement =
                source.prepareStatement("SELECT count(*) FROM pg_replication_slots WHERE database = current_database()"
                        + " AND slot_name LIKE ? AND slot_name <> ?")) {
            statement.setString(1, ReplicationNames.PREFIX.replace("_", "\\_") + "%");
            statement.setString(2, slot);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** A deleted connector's task lets go of the slot within moments. */
    private static boolean awaitReleased(Connection source, String slot) throws SQLException {
        Instant deadline = Instant.now().plus(RELEASE_WAIT);
        try (PreparedStatement active =
                source.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            active.setString(1, slot);
            while (true) {
                try (ResultSet rs = active.executeQuery()) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        return true;
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    return false;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }
}
