package io.pg2polar.source.slot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.apache.kafka.connect.errors.ConnectException;

import io.pg2polar.common.sql.Identifiers;

/**
 * Refuses to stream from a replication slot the source has invalidated ({@code pg_replication_slots.wal_status =
 * 'lost'}, PostgreSQL 13+): the WAL it still needed was removed, typically because the migration was stopped longer
 * than {@code max_slot_wal_keep_size} allows, so the changes in it are gone. Debezium would retry such a slot forever as
 * if the source were unreachable; the task fails instead, naming the slot, what was lost and the way back.
 */
public final class InvalidatedSlotCheck {

    /** Through to_jsonb, so that servers without these columns (before 13, before 17) answer null instead of failing. */
    private static final String SLOT_STATE =
            "SELECT to_jsonb(s) ->> 'wal_status', to_jsonb(s) ->> 'invalidation_reason',"
                    + " current_setting('max_slot_wal_keep_size', true) FROM pg_replication_slots s WHERE slot_name = ?";

    private InvalidatedSlotCheck() {}

    /**
     * @param source where the slot lives, for the message
     * @throws ConnectException when the slot exists and has been invalidated
     */
    public static void requireUsable(Connection connection, String slot, String source) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SLOT_STATE)) {
            statement.setString(1, slot);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next() || !"lost".equals(rs.getString(1))) {
                    return;
                }
                String reason = rs.getString(2) == null ? "" : ", invalidation_reason '" + rs.getString(2) + "'";
                throw new ConnectException(message(slot, source, reason, rs.getString(3)));
            }
        }
    }

    static String message(String slot, String source, String reason, String keepSize) {
        return "The replication slot '" + slot + "' on " + source + " has been invalidated (wal_status 'lost'" + reason
                + "): the source"
                + " removed WAL this migration had not read yet, most likely while the connector was stopped longer than"
                + " max_slot_wal_keep_size (now " + keepSize
                + ") allows. The changes in that WAL are lost for the migration, so"
                + " it cannot go on where it stopped, and the target lacks them. The way back is a new full load: delete the sink"
                + " and source connectors, drop the slot (SELECT pg_drop_replication_slot(" + Identifiers.literal(slot)
                + ")), empty the"
                + " target database (or use another), and create both connectors under new names, so that every table is copied"
                + " anew from a fresh snapshot (created again under the old names they would resume from the offsets Connect keeps"
                + " for them). Raise max_slot_wal_keep_size (-1: no limit) so that a stopped migration keeps its WAL.";
    }
}
