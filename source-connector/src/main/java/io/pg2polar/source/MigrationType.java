package io.pg2polar.source;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a migration copies, as in DTS: the existing rows, the changes from now on, or both. Each maps to the
 * Debezium {@code snapshot.mode} that does it.
 */
public enum MigrationType {
    /** Copy the rows as of one consistent snapshot, then stop; creates no replication slot. */
    FULL("full", "initial_only"),
    /** Copy the rows, then stream every change after the snapshot point (the default). */
    FULL_AND_INCREMENTAL("full+incremental", "initial"),
    /** Stream changes committed after the connector created its slot; existing rows are not copied. */
    INCREMENTAL("incremental", "no_data");

    private final String value;
    private final String snapshotMode;

    MigrationType(String value, String snapshotMode) {
        this.value = value;
        this.snapshotMode = snapshotMode;
    }

    /** The config value, e.g. {@code full+incremental}. */
    public String value() {
        return value;
    }

    /** The Debezium {@code snapshot.mode} that implements this type. */
    public String snapshotMode() {
        return snapshotMode;
    }

    /** Whether changes are streamed from a replication slot (needs {@code wal_level=logical}). */
    public boolean streams() {
        return this != FULL;
    }

    /** Whether the existing rows are copied (a full load). */
    public boolean copiesRows() {
        return this != INCREMENTAL;
    }

    public static MigrationType parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(t -> t.value.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown migration.type '" + text + "'; use one of " + allValues()));
    }

    public static String allValues() {
        return Arrays.stream(values()).map(MigrationType::value).collect(Collectors.joining(", "));
    }
}
