package io.pg2polar.controlplane.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Diffs two sides' values per key. Example: source {@code {1: a, 2: b, 3: c}}, target {@code {1: a, 2: x, 4: d}}
 * give {@code [2: b/x, 3: c/null, 4: null/d]} - different, missing on the target, extra on the target - in the
 * source's key order, then the target's extra keys in its order.
 */
final class KeyDiff {

    private KeyDiff() {}

    static List<Mismatch> diff(Map<List<String>, String> source, Map<List<String>, String> target) {
        List<Mismatch> mismatches = new ArrayList<>();
        source.forEach((key, value) -> {
            String other = target.get(key);
            if (!Objects.equals(value, other)) {
                mismatches.add(new Mismatch(key, value, other));
            }
        });
        target.forEach((key, value) -> {
            if (!source.containsKey(key)) {
                mismatches.add(new Mismatch(key, null, value));
            }
        });
        return mismatches;
    }
}
