package io.pg2polar.source.copy;

import java.util.List;

/**
 * A range of primary-key values, as PostgreSQL's text of each key column: the keys {@code > lower} and
 * {@code <= upper}, compared by PostgreSQL (row comparison, the columns' collations). Null bounds are open.
 */
public record KeyRange(List<String> lower, List<String> upper) {

    /** Every key: the one range of a table without a key, or of a small table. */
    public static final KeyRange ALL = new KeyRange(null, null);

    public KeyRange {
        lower = lower == null ? null : List.copyOf(lower);
        upper = upper == null ? null : List.copyOf(upper);
    }

    /** Whether this is the table's last range: no upper bound. */
    public boolean isLast() {
        return upper == null;
    }
}
