package io.pg2polar.controlplane.verify;

import java.util.List;

/**
 * A key whose value differs between the sides, as last read: a row's md5, or for tables without a key how often a
 * row occurs. A null value means the side lacks the key.
 */
record Mismatch(List<String> key, String sourceValue, String targetValue) {

    Mismatch {
        key = List.copyOf(key);
    }
}
