package io.pg2polar.source.copy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a table's keys above a lower bound into ranges of about {@code rowsPerChunk} rows, from a block sample of the
 * keys ({@code TABLESAMPLE SYSTEM}) sorted by PostgreSQL, so no key is ever compared in Java. The sample reads a few
 * pages per range (at most {@value #MAX_PERCENT} % of the table) in its own short statement. Rows added above the last
 * boundary while the table loads are cut by the key index instead ({@link #next}), which reads only them.
 *
 * <p>Example: 5 M rows, 80,000 rows a chunk: about 63 ranges; a sample of 4 pages per range (0.3 % of the pages,
 * ~15,000 keys) gives the 62 boundaries, every 240th sampled key.
 */
final class KeyBoundaries {

    /** Sampled pages per range: a key-ordered table yields one run of consecutive keys per page. */
    private static final int PAGES_PER_RANGE = 4;

    private static final double MAX_PERCENT = 2;
    private static final long PAGE_BYTES = 8192;

    private KeyBoundaries() {}

    /**
     * The upper bounds of the ranges above {@code lower}, in key order; the last range (above the last bound, or all
     * of them when the list is empty) is open-ended.
     */
    static List<List<String>> above(Connection connection, TableCopy table, List<String> lower, long rowsPerChunk)
            throws SQLException {
        double rows = estimatedRows(table);
        if (rows <= rowsPerChunk * 1.5) {
            return List.of();
        }
        double pages = Math.max(1, table.sizeBytes() / PAGE_BYTES);
        double percent = Math.min(MAX_PERCENT, 100.0 * PAGES_PER_RANGE * Math.ceil(rows / rowsPerChunk) / pages);
        List<List<String>> sample = sample(connection, table, lower, percent);
        double above = sample.size() * 100.0 / percent;
        long ranges = (long) Math.ceil(above / rowsPerChunk);
        List<List<String>> bounds = new ArrayList<>();
        if (ranges < 2 || above <= rowsPerChunk * 1.5) {
            return bounds;
        }
        for (long i = 1; i < ranges; i++) {
            List<String> bound = sample.get((int) (i * sample.size() / ranges));
            if (bounds.isEmpty() || !bounds.get(bounds.size() - 1).equals(bound)) {
                bounds.add(bound);
            }
        }
        return bounds;
    }

    /**
     * The upper bound of the next range above {@code lower} of {@code rowsPerChunk} keys, found in the key index; null
     * when fewer keys are left (the last range is open-ended).
     */
    static List<String> next(Connection connection, TableCopy table, List<String> lower, long rowsPerChunk)
            throws SQLException {
        String sql = "SELECT " + keyTexts(table) + " FROM " + table.from()
                + (lower == null ? "" : " WHERE " + table.keyRow() + " > " + table.valueRow(lower)) + " ORDER BY "
                + table.keyList() + " OFFSET " + (rowsPerChunk - 1) + " LIMIT 1";
        List<List<String>> found = keys(connection, table, sql);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Rows of the table by PostgreSQL's statistics, or by its size when it was never analyzed (100 bytes a row). */
    static double estimatedRows(TableCopy table) {
        return table.rowEstimate() > 0 ? table.rowEstimate() : table.sizeBytes() / 100.0;
    }

    private static List<List<String>> sample(Connection connection, TableCopy table, List<String> lower, double percent)
            throws SQLException {
        String sql = "SELECT " + keyTexts(table) + " FROM " + table.from() + " TABLESAMPLE SYSTEM ("
                + String.format(Locale.ROOT, "%.6f", percent) + ")"
                + (lower == null ? "" : " WHERE " + table.keyRow() + " > " + table.valueRow(lower)) + " ORDER BY "
                + table.keyList();
        return keys(connection, table, sql);
    }

    /** The key columns as text, aliased so that ORDER BY names the key columns, not their text. */
    private static String keyTexts(TableCopy table) {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < table.key().size(); i++) {
            keys.append(i == 0 ? "" : ", ")
                    .append(io.pg2polar.common.sql.Identifiers.quote(
                            table.key().get(i).name()))
                    .append("::text AS pg2polar_key_")
                    .append(i);
        }
        return keys.toString();
    }

    private static List<List<String>> keys(Connection connection, TableCopy table, String sql) throws SQLException {
        List<List<String>> sample = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                List<String> key = new ArrayList<>(table.key().size());
                for (int i = 1; i <= table.key().size(); i++) {
                    key.add(rs.getString(i));
                }
                sample.add(key);
            }
        }
        return sample;
    }
}
