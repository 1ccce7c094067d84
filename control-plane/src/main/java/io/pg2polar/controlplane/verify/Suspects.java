package io.pg2polar.controlplane.verify;

import java.util.ArrayList;
import java.util.List;

/** Collects a table's suspected differences up to the number that is re-checked, and counts the rest. */
final class Suspects {

    private final int limit;
    private final List<Mismatch> kept = new ArrayList<>();
    private long beyondLimit;

    Suspects(int limit) {
        this.limit = limit;
    }

    void addAll(List<Mismatch> mismatches) {
        for (Mismatch mismatch : mismatches) {
            if (kept.size() < limit) {
                kept.add(mismatch);
            } else {
                beyondLimit++;
            }
        }
    }

    List<Mismatch> kept() {
        return kept;
    }

    long beyondLimit() {
        return beyondLimit;
    }

    int limit() {
        return limit;
    }
}
