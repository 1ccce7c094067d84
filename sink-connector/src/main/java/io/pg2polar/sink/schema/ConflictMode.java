package io.pg2polar.sink.schema;

import java.util.Arrays;

/** What the sink does with a migrated table that already exists on the target (DTS's conflicting tables). */
public enum ConflictMode {
    /** Stop when the target table holds rows or differs from the source's definition. */
    PRECHECK("precheck"),
    /** Go on; the full load keeps target rows with the same key. */
    IGNORE("ignore");

    private final String value;

    ConflictMode(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static ConflictMode parse(String text) {
        return Arrays.stream(values())
                .filter(m -> m.value.equals(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown conflict.mode " + text));
    }
}
