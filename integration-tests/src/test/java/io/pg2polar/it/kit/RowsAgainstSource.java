package io.pg2polar.it.kit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.DatabaseComparison.Side;

/**
 * Compares a consumer's rows of a table with the database's, row for row, in the database: each consumer value is cast
 * to its column's type there (so {@code 1.50} and {@code 2024-01-01 04:30:00.500000+00} compare as the values they
 * are), and both sides are compared as multisets ({@code EXCEPT ALL} both ways).
 */
public final class RowsAgainstSource {

    private RowsAgainstSource() {}

    /** Rows only the database has and rows only the consumer has, each as text; empty when they hold the same rows. */
    public static List<String> differences(Side side, TableId table, List<Map<String, String>> rows) {
        try (Connection connection = side.server().connect(side.database())) {
            Map<String, String> columns = columns(connection, table);
            StringJoiner names = new StringJoiner(", ");
            StringJoiner casts = new StringJoiner(", ", "(", ")");
            columns.forEach((name, type) -> {
                names.add(Identifiers.quote(name));
                casts.add("CAST(? AS " + type + ")");
            });
            String consumer = rows.isEmpty()
                    ? "SELECT " + casts.toString().replace("?", "NULL").replaceAll("^\\(|\\)$", "") + " WHERE false"
                    : "VALUES " + String.join(", ", java.util.Collections.nCopies(rows.size(), casts.toString()));
            String database = "SELECT " + names + " FROM ONLY " + table.quoted();
            String sql = "WITH consumer AS (" + consumer + "), db AS (" + database + ")"
                    + " SELECT 'only in the database: ' || d::text FROM (SELECT * FROM db EXCEPT ALL SELECT * FROM consumer) d"
                    + " UNION ALL SELECT 'only in the consumer: ' || c::text FROM (SELECT * FROM consumer EXCEPT ALL SELECT * FROM db) c";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int parameter = 1;
                for (Map<String, String> row : rows) {
                    for (String column : columns.keySet()) {
                        statement.setString(parameter++, row.get(column));
                    }
                }
                List<String> differences = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        differences.add(table + " " + rs.getString(1));
                    }
                }
                return differences;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot compare " + table + " with the consumer's rows: " + e.getMessage(), e);
        }
    }

    /** The table's columns and their types, in order. */
    private static Map<String, String> columns(Connection connection, TableId table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
                WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""")) {
            statement.setString(1, table.quoted());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return columns;
    }
}
