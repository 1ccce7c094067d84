package io.pg2polar.controlplane.verify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads rows of a table with a primary key by key, in batches: the md5 of each row, or its text. */
final class KeyedProbe implements RowProbe {

    static final int BATCH = 1_000;

    private final TableShape shape;
    private final TableSessions sessions;

    KeyedProbe(TableShape shape, TableSessions sessions) {
        this.shape = shape;
        this.sessions = sessions;
    }

    /** Every key of a range with its row's md5, in key order. */
    Map<List<String>, String> inRange(Side side, KeyRange range, Sample sample) throws SQLException {
        return readKeyed(side, sessions.sql(side).rangeFingerprints(range, sample));
    }

    @Override
    public Map<List<String>, String> read(Side side, List<List<String>> keys) throws SQLException {
        return inBatches(side, keys, sessions.sql(side)::fingerprintsOf);
    }

    @Override
    public Map<List<String>, String> rowTexts(Side side, List<List<String>> keys) throws SQLException {
        return inBatches(side, keys, sessions.sql(side)::rowTextsOf);
    }

    @Override
    public Map<String, String> describeKey(List<String> key) {
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 0; i < key.size(); i++) {
            named.put(shape.key().get(i).name(), key.get(i));
        }
        return named;
    }

    @Override
    public String kind(Mismatch mismatch) {
        if (mismatch.sourceValue() == null) {
            return KeyDifference.EXTRA_ON_TARGET;
        }
        return mismatch.targetValue() == null ? KeyDifference.MISSING_ON_TARGET : KeyDifference.DIFFERENT;
    }

    private Map<List<String>, String> inBatches(
            Side side, List<List<String>> keys, Function<List<List<String>>, SqlQuery> query) throws SQLException {
        Map<List<String>, String> values = new LinkedHashMap<>();
        for (int from = 0; from < keys.size(); from += BATCH) {
            values.putAll(readKeyed(side, query.apply(keys.subList(from, Math.min(keys.size(), from + BATCH)))));
        }
        return values;
    }

    private Map<List<String>, String> readKeyed(Side side, SqlQuery query) throws SQLException {
        int keyColumns = shape.key().size();
        Map<List<String>, String> values = new LinkedHashMap<>();
        for (Map.Entry<List<String>, String> entry :
                sessions.connection(side).query(query, rs -> entry(rs, keyColumns))) {
            values.put(entry.getKey(), entry.getValue());
        }
        return values;
    }

    private static Map.Entry<List<String>, String> entry(ResultSet rs, int keyColumns) throws SQLException {
        List<String> key = new ArrayList<>(keyColumns);
        for (int i = 1; i <= keyColumns; i++) {
            key.add(rs.getString(i));
        }
        return Map.entry(key, rs.getString(keyColumns + 1));
    }
}
