package io.pg2polar.source.slot;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class InvalidatedSlotCheckTest {

    @Test
    void messageNamesTheSlotWhatWasLostAndTheWayBack() {
        String message = InvalidatedSlotCheck.message(
                "pg2polar_app", "migrator@src:5432/app", ", invalidation_reason 'wal_removed'", "1GB");
        for (String part : new String[] {
            "'pg2polar_app'",
            "migrator@src:5432/app",
            "wal_status 'lost'",
            "wal_removed",
            "max_slot_wal_keep_size (now 1GB)",
            "SELECT pg_drop_replication_slot('pg2polar_app')",
            "full load",
            "new names",
            "-1"
        }) {
            assertTrue(message.contains(part), part + " in: " + message);
        }
    }
}
