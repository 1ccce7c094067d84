package io.pg2polar.controlplane.verify;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pg2polar.common.sql.TableId;

/** Compares row counts; a difference is re-checked after the delay like a row's. */
final class CountComparison {

    /** Both sides' counts as last read, whether they still differed after the re-check, and whether the source's kept moving. */
    record Counts(long source, long target, boolean differ, boolean unsettled) {

        /** What the counts add to a table's note; empty when they agree. */
        String note() {
            return differ
                    ? "row counts differ"
                    : unsettled
                            ? "the source's row count kept changing through " + Recheck.ROUNDS
                                    + " re-checks; counts not settled"
                            : "";
        }
    }

    private CountComparison() {}

    static Counts check(TableSessions sessions, Recheck recheck) throws SQLException {
        long[] last = new long[Side.values().length];
        Fingerprints counts = (side, keys) -> {
            last[side.ordinal()] = sessions.count(side);
            return Map.of(List.of(), Long.toString(last[side.ordinal()]));
        };
        List<Mismatch> suspects =
                KeyDiff.diff(counts.read(Side.SOURCE, List.of()), counts.read(Side.TARGET, List.of()));
        Recheck.Outcome outcome = recheck.run(suspects, counts);
        return new Counts(
                last[Side.SOURCE.ordinal()],
                last[Side.TARGET.ordinal()],
                !outcome.persisting().isEmpty(),
                !outcome.unsettled().isEmpty());
    }

    /** The result of a table whose counts alone are compared. */
    static TableResult run(TableId table, TableSessions sessions, Recheck recheck, List<String> notes)
            throws SQLException {
        Counts counts = check(sessions, recheck);
        List<String> allNotes = new ArrayList<>(notes);
        if (!counts.note().isEmpty()) {
            allNotes.add(counts.note());
        }
        allNotes.add("rows not compared");
        return new TableResult(
                table,
                counts.differ() ? TableResult.DIFFERENT : TableResult.EQUAL,
                counts.source(),
                counts.target(),
                List.of(),
                String.join("; ", allNotes),
                counts.differ() ? Math.abs(counts.source() - counts.target()) : 0);
    }
}
