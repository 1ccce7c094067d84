package io.pg2polar.controlplane.verify;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a table without a primary key as a multiset of rows: one checksum over the sorted md5s of all rows per
 * side and, when those differ, how often each row occurs on each side. Tables over {@value #ROW_LIMIT} rows get
 * their counts compared only, as DTS skips key-less tables over 10 000 rows.
 */
final class KeylessComparison {

    static final long ROW_LIMIT = 100_000;

    private KeylessComparison() {}

    static TableResult run(TableShape shape, TableSessions sessions, Recheck recheck, List<String> notes)
            throws SQLException {
        List<String> allNotes = new ArrayList<>(notes);
        if (Math.max(sessions.count(Side.SOURCE), sessions.count(Side.TARGET)) > ROW_LIMIT) {
            allNotes.add("no primary key and over " + ROW_LIMIT + " rows: only row counts compared");
            return CountComparison.run(shape.table(), sessions, recheck, allNotes);
        }
        allNotes.add("no primary key: rows compared as a whole, differences named by row");
        RangeChecksum source =
                RangeChecksum.read(sessions, Side.SOURCE, sessions.sourceSql().wholeChecksum());
        RangeChecksum target =
                RangeChecksum.read(sessions, Side.TARGET, sessions.targetSql().wholeChecksum());
        KeylessProbe probe = new KeylessProbe(sessions);
        Suspects suspects = new Suspects(Verifier.RECHECKED_DIFFERENCES);
        if (!source.equals(target)) {
            suspects.addAll(KeyDiff.diff(probe.all(Side.SOURCE), probe.all(Side.TARGET)));
        }
        return Verdict.of(shape.table(), source.rows(), target.rows(), suspects, recheck, probe, allNotes);
    }
}
