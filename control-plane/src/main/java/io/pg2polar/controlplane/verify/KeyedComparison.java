package io.pg2polar.controlplane.verify;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a table with a primary key range by range: each database computes a row count and a checksum per key
 * range, and only where those differ are the range's keys and row md5s read from both sides and diffed. A sample
 * narrows every statement to the sampled keys.
 */
final class KeyedComparison {

    private final TableShape shape;
    private final TableSessions sessions;
    private final int ranges;
    private final Recheck recheck;
    private final Sample sample;

    /** @param sample the keys to compare; null for every key */
    KeyedComparison(TableShape shape, TableSessions sessions, int ranges, Recheck recheck, Sample sample) {
        this.shape = shape;
        this.sessions = sessions;
        this.ranges = ranges;
        this.recheck = recheck;
        this.sample = sample;
    }

    TableResult run(List<String> notes) throws SQLException {
        long sourceTotal = sessions.count(Side.SOURCE);
        List<KeyRange> keyRanges = RangeBoundaries.split(sessions.source(), sessions.sourceSql(), sourceTotal, ranges);
        KeyedProbe probe = new KeyedProbe(shape, sessions);
        Suspects suspects = new Suspects(Verifier.RECHECKED_DIFFERENCES);
        long sourceRows = 0;
        long targetRows = 0;
        for (KeyRange range : keyRanges) {
            RangeChecksum source = RangeChecksum.read(
                    sessions, Side.SOURCE, sessions.sourceSql().rangeChecksum(range, sample));
            RangeChecksum target = RangeChecksum.read(
                    sessions, Side.TARGET, sessions.targetSql().rangeChecksum(range, sample));
            sourceRows += source.rows();
            targetRows += target.rows();
            if (!source.equals(target)) {
                suspects.addAll(KeyDiff.diff(
                        probe.inRange(Side.SOURCE, range, sample), probe.inRange(Side.TARGET, range, sample)));
            }
        }
        List<String> allNotes = new ArrayList<>(notes);
        if (sample == null) {
            return Verdict.of(shape.table(), sourceRows, targetRows, suspects, recheck, probe, allNotes);
        }
        allNotes.add("sampled " + sample.percent() + "% of the keys: " + sourceRows + " source rows compared");
        // a sample can miss every missing or extra row; the counts cannot
        CountComparison.Counts counts = CountComparison.check(sessions, recheck);
        if (!counts.note().isEmpty()) {
            allNotes.add(counts.note());
        }
        TableResult result =
                Verdict.of(shape.table(), counts.source(), counts.target(), suspects, recheck, probe, allNotes);
        if (counts.differ() && result.isEqual()) {
            return new TableResult(
                    result.table(),
                    TableResult.DIFFERENT,
                    result.sourceRows(),
                    result.targetRows(),
                    result.differences(),
                    result.note(),
                    Math.abs(counts.source() - counts.target()));
        }
        return result;
    }
}
