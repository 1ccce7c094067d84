package io.pg2polar.controlplane.verify;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pg2polar.common.sql.TableId;

/** Re-checks a table's suspected differences and turns those that persist into the table's result. */
final class Verdict {

    private Verdict() {}

    static TableResult of(
            TableId table,
            long sourceRows,
            long targetRows,
            Suspects suspects,
            Recheck recheck,
            RowProbe probe,
            List<String> notes)
            throws SQLException {
        Recheck.Outcome outcome = recheck.run(suspects.kept(), probe);
        List<String> allNotes = new ArrayList<>(notes);
        if (!outcome.unsettled().isEmpty()) {
            allNotes.add(outcome.unsettled().size() + " rows kept changing on the source through " + Recheck.ROUNDS
                    + " re-checks and were not compared");
        }
        if (suspects.beyondLimit() > 0) {
            allNotes.add(suspects.beyondLimit()
                    + " more differences were found and counted but not re-checked (only the first " + suspects.limit()
                    + " are)");
        }
        long count = outcome.persisting().size() + suspects.beyondLimit();
        return new TableResult(
                table,
                count == 0 ? TableResult.EQUAL : TableResult.DIFFERENT,
                sourceRows,
                targetRows,
                describe(outcome.persisting(), probe),
                String.join("; ", allNotes),
                count);
    }

    private static List<KeyDifference> describe(List<Mismatch> persisting, RowProbe probe) throws SQLException {
        List<Mismatch> shown = persisting.subList(0, Math.min(Verifier.REPORTED_DIFFERENCES, persisting.size()));
        if (shown.isEmpty()) {
            return List.of();
        }
        List<List<String>> keys = shown.stream().map(Mismatch::key).toList();
        Map<List<String>, String> sourceRows = probe.rowTexts(Side.SOURCE, keys);
        Map<List<String>, String> targetRows = probe.rowTexts(Side.TARGET, keys);
        return shown.stream()
                .map(m -> new KeyDifference(
                        probe.describeKey(m.key()), probe.kind(m), sourceRows.get(m.key()), targetRows.get(m.key())))
                .toList();
    }
}
