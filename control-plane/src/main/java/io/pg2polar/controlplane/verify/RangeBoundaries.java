package io.pg2polar.controlplane.verify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a table's key space into ranges of about equal row counts, with boundaries taken from the source. It walks
 * the key index from one boundary to the next ({@code ... WHERE key > previous ORDER BY key OFFSET step - 1 LIMIT 1}),
 * so each statement reads one range's keys, not the table.
 *
 * <p>The number of ranges is the requested one, but each range holds at most {@value #MAX_ROWS_PER_RANGE} rows (so a
 * range's statement stays short) and, where the table allows, at least {@value #MIN_ROWS_PER_RANGE} (so small tables
 * do not cost a statement per handful of rows). Example: 20 000 rows and 64 ranges requested give 20 ranges; the
 * boundaries are the keys at positions 1 000, 2 000, ... 19 000, and the ranges {@code (-inf, k1000]},
 * {@code (k1000, k2000]}, ... {@code (k19000, +inf)}. The open ends catch rows written after the walk.
 */
final class RangeBoundaries {

    static final long MAX_ROWS_PER_RANGE = 100_000;
    static final long MIN_ROWS_PER_RANGE = 1_000;

    private RangeBoundaries() {}

    /** Reads the boundaries from the source and returns the ranges between them, covering every key. */
    static List<KeyRange> split(SideConnection source, VerifySql sql, long rows, int requested) throws SQLException {
        int count = rangeCount(rows, requested);
        long step = Math.max(1, ceilDiv(rows, count));
        List<List<String>> boundaries = new ArrayList<>();
        List<String> previous = null;
        while (boundaries.size() < count - 1) {
            List<List<String>> next = source.query(sql.keyAfter(previous, step - 1), RangeBoundaries::keyColumns);
            if (next.isEmpty()) {
                break;
            }
            previous = next.get(0);
            boundaries.add(previous);
        }
        return ranges(boundaries);
    }

    /** How many ranges a table of {@code rows} rows is split into. */
    static int rangeCount(long rows, int requested) {
        long atLeast = ceilDiv(rows, MAX_ROWS_PER_RANGE);
        long atMost = Math.max(1, ceilDiv(rows, MIN_ROWS_PER_RANGE));
        return (int) Math.max(1, Math.max(atLeast, Math.min(requested, atMost)));
    }

    /** The ranges between consecutive boundaries, open at both ends. */
    static List<KeyRange> ranges(List<List<String>> boundaries) {
        List<KeyRange> ranges = new ArrayList<>();
        List<String> lower = null;
        for (List<String> boundary : boundaries) {
            ranges.add(new KeyRange(lower, boundary));
            lower = boundary;
        }
        ranges.add(new KeyRange(lower, null));
        return ranges;
    }

    private static List<String> keyColumns(ResultSet rs) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        List<String> key = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
            key.add(rs.getString(i));
        }
        return key;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }
}
