package io.pg2polar.sink.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One row as PostgreSQL text per column ({@code null} text is SQL NULL). Columns whose value the source could
 * not send (unchanged TOASTed values) are absent, so writing the image leaves them as they are on the target.
 */
public final class RowImage {

    private final Map<String, String> values;

    public RowImage(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Set<String> columns() {
        return values.keySet();
    }

    public boolean has(String column) {
        return values.containsKey(column);
    }

    /** The text of a column, or null for SQL NULL. */
    public String get(String column) {
        return values.get(column);
    }

    /** This image with the columns of {@code newer} laid over it: a later partial update on an earlier full row. */
    public RowImage overlaidWith(RowImage newer) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(newer.values);
        return new RowImage(merged);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
