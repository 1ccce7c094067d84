package io.pg2polar.controlplane.verify;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads rows of a table without a primary key by the md5 of their text: how often each occurs, or the text itself. A
 * key here is the one-element list of that md5.
 */
final class KeylessProbe implements RowProbe {

    private final TableSessions sessions;

    KeylessProbe(TableSessions sessions) {
        this.sessions = sessions;
    }

    /** How often every row occurs on one side. */
    Map<List<String>, String> all(Side side) throws SQLException {
        return counts(side, sessions.sql(side).rowHashCounts(null));
    }

    @Override
    public Map<List<String>, String> read(Side side, List<List<String>> keys) throws SQLException {
        return counts(side, sessions.sql(side).rowHashCounts(hashes(keys)));
    }

    @Override
    public Map<List<String>, String> rowTexts(Side side, List<List<String>> keys) throws SQLException {
        Map<List<String>, String> rows = new LinkedHashMap<>();
        for (Map.Entry<String, String> row : sessions.connection(side)
                .query(
                        sessions.sql(side).rowsOfHashes(hashes(keys)),
                        rs -> Map.entry(rs.getString(1), rs.getString(2)))) {
            rows.put(List.of(row.getKey()), row.getValue());
        }
        return rows;
    }

    @Override
    public Map<String, String> describeKey(List<String> key) {
        return Map.of();
    }

    /** Missing on the target when the source holds more copies of the row, extra when the target does. */
    @Override
    public String kind(Mismatch mismatch) {
        return occurrences(mismatch.sourceValue()) > occurrences(mismatch.targetValue())
                ? KeyDifference.MISSING_ON_TARGET
                : KeyDifference.EXTRA_ON_TARGET;
    }

    private Map<List<String>, String> counts(Side side, SqlQuery query) throws SQLException {
        Map<List<String>, String> counts = new LinkedHashMap<>();
        for (Map.Entry<String, String> row :
                sessions.connection(side).query(query, rs -> Map.entry(rs.getString(1), rs.getString(2)))) {
            counts.put(List.of(row.getKey()), row.getValue());
        }
        return counts;
    }

    private static List<String> hashes(List<List<String>> keys) {
        return keys.stream().map(k -> k.get(0)).toList();
    }

    private static long occurrences(String count) {
        return count == null ? 0 : Long.parseLong(count);
    }
}
