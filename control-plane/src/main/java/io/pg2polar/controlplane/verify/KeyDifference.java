package io.pg2polar.controlplane.verify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row that differs between source and target and still differed when re-checked.
 *
 * @param key       the primary-key columns and their values as text, in key order; empty for a table without a
 *                  primary key, whose rows are named by their whole text
 * @param kind      {@link #MISSING_ON_TARGET}, {@link #EXTRA_ON_TARGET} or {@link #DIFFERENT}
 * @param sourceRow the row's text on the source ({@code ROW(...)::text} of the compared columns); null when absent
 * @param targetRow the row's text on the target; null when absent
 */
public record KeyDifference(Map<String, String> key, String kind, String sourceRow, String targetRow) {

    public static final String MISSING_ON_TARGET = "MISSING_ON_TARGET";
    public static final String EXTRA_ON_TARGET = "EXTRA_ON_TARGET";
    public static final String DIFFERENT = "DIFFERENT";

    public KeyDifference {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
    }
}
