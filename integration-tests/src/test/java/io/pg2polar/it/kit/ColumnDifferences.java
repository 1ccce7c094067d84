package io.pg2polar.it.kit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.DatabaseComparison.Side;

/**
 * Says which columns of which rows differ between two copies of a table, each value as its type's text output
 * in the session settings of {@link DatabaseComparison}: the readable explanation of a failed row comparison.
 */
public final class ColumnDifferences {

    private static final List<String> SESSION = List.of(
            "SET TimeZone = 'UTC'",
            "SET extra_float_digits = 3",
            "SET DateStyle = 'ISO, YMD'",
            "SET IntervalStyle = 'postgres'",
            "SET bytea_output = 'hex'");
    private static final int MAX_SHOWN = 40;
    private static final int MAX_VALUE_LENGTH = 200;

    private ColumnDifferences() {}

    /**
     * One line per differing value, e.g. {@code scalars[2].c_timetz: source 00:00:00-08, target 08:00:00+00}.
     *
     * @param key an expression naming a row, e.g. {@code id::text}
     */
    public static List<String> of(Side source, Side target, TableId table, String key) {
        List<String> differences = new ArrayList<>();
        String rowsSql = "SELECT " + key + ", NULL FROM " + table.quoted();
        Set<String> sourceRows = pairs(source, rowsSql).keySet();
        Set<String> targetRows = pairs(target, rowsSql).keySet();
        for (String row : sourceRows) {
            if (!targetRows.contains(row)) {
                differences.add(table.table() + '[' + row + "]: missing on the target");
            }
        }
        for (String row : targetRows) {
            if (!sourceRows.contains(row)) {
                differences.add(table.table() + '[' + row + "]: not on the source");
            }
        }
        String columnsSql = "SELECT lpad(attnum::text, 4, '0'), attname FROM pg_catalog.pg_attribute WHERE attrelid = "
                + Identifiers.literal(table.quoted()) + "::regclass AND attnum > 0 AND NOT attisdropped";
        for (String column : pairs(source, columnsSql).values()) {
            // the column itself, not column::text: the text transfer format is the type's output function, which
            // is what the row comparison sees, where a cast to text may differ (xml keeps its declaration)
            String valuesSql = "SELECT " + key + ", " + Identifiers.quote(column) + " FROM " + table.quoted();
            Map<String, String> targetValues = pairs(target, valuesSql);
            for (Map.Entry<String, String> sourceValue :
                    pairs(source, valuesSql).entrySet()) {
                String row = sourceValue.getKey();
                if (targetValues.containsKey(row) && !Objects.equals(sourceValue.getValue(), targetValues.get(row))) {
                    differences.add(table.table() + '[' + row + "]." + column + ": source "
                            + shown(sourceValue.getValue()) + ", target " + shown(targetValues.get(row)));
                }
            }
        }
        return differences.subList(0, Math.min(MAX_SHOWN, differences.size()));
    }

    private static String shown(String value) {
        if (value == null) {
            return "NULL";
        }
        return value.length() <= MAX_VALUE_LENGTH
                ? value
                : value.substring(0, MAX_VALUE_LENGTH) + "...(" + value.length() + " chars)";
    }

    /** The first column of each row mapped to the second, in key order. */
    private static Map<String, String> pairs(Side side, String sql) {
        try (Connection connection = side.server().connect(side.database());
                Statement statement = connection.createStatement()) {
            for (String setting : SESSION) {
                statement.execute(setting);
            }
            Map<String, String> pairs = new TreeMap<>();
            try (ResultSet rs = statement.executeQuery(sql)) {
                while (rs.next()) {
                    pairs.put(rs.getString(1), rs.getString(2));
                }
            }
            return pairs;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run " + sql + " in " + side.database() + ": " + e.getMessage(), e);
        }
    }
}
