package io.pg2polar.controlplane.verify;

import java.util.List;

/**
 * A slice of the primary-key space: keys above {@code lower} up to and including {@code upper}, each a list of key
 * column values as text; null means unbounded on that end.
 */
record KeyRange(List<String> lower, List<String> upper) {

    static final KeyRange ALL = new KeyRange(null, null);

    KeyRange {
        lower = lower == null ? null : List.copyOf(lower);
        upper = upper == null ? null : List.copyOf(upper);
    }
}
