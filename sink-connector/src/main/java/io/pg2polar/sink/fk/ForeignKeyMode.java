package io.pg2polar.sink.fk;

import java.util.Arrays;

/** How the sink keeps foreign-key checks from rejecting rows that arrive before the rows they reference. */
public enum ForeignKeyMode {
    /** replica-role where the account may set it, else hold-back. */
    AUTO("auto"),
    /** {@code SET session_replication_role = replica} on every apply session. */
    REPLICA_ROLE("replica-role"),
    /** Drop the target's foreign keys (and disable user triggers) until cutover restores them. */
    HOLD_BACK("hold-back");

    private final String value;

    ForeignKeyMode(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static ForeignKeyMode parse(String text) {
        return Arrays.stream(values())
                .filter(m -> m.value.equals(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown foreign key mode " + text));
    }
}
