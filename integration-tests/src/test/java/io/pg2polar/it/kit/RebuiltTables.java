package io.pg2polar.it.kit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * A consumer's own copy of each table, rebuilt from Debezium change events alone, as any Debezium consumer would:
 * {@code r}, {@code c} and {@code u} put the {@code after} row, {@code d} removes it, {@code t} empties the table; rows
 * are found by the record key, or, for a table without one (replica identity full), by the whole {@code before} row.
 * Rows are kept as column name to value text (Debezium's value as it came: numbers and booleans printed, bytes as
 * {@code \x} hex, strings as they are); a column a row does not have reads as NULL.
 */
public final class RebuiltTables {

    /** Rows per table ({@code schema.table}): by key text, or in a list for keyless tables. */
    private final Map<String, Map<String, Map<String, String>>> keyed = new HashMap<>();

    private final Map<String, List<Map<String, String>>> keyless = new HashMap<>();

    /**
     * Applies one change event.
     *
     * @param key      the record key (null for a keyless table), or the key columns taken from the row when the key is not at hand
     * @param envelope the record value: a Debezium envelope
     */
    public void apply(Struct key, Struct envelope) {
        Struct source = envelope.getStruct("source");
        String table = source.getString("schema") + "." + source.getString("table");
        String op = envelope.getString("op");
        Map<String, String> after = row(envelope.getStruct("after"));
        Map<String, String> before = row(envelope.getStruct("before"));
        if ("t".equals(op)) {
            // a truncate event has no key, whatever the table
            keyed.getOrDefault(table, new HashMap<>()).clear();
            keyless.getOrDefault(table, new ArrayList<>()).clear();
            return;
        }
        if (key == null) {
            List<Map<String, String>> rows = keyless.computeIfAbsent(table, t -> new ArrayList<>());
            switch (op) {
                case "r", "c" -> rows.add(after);
                case "u" -> {
                    removeOne(rows, before, table);
                    rows.add(after);
                }
                case "d" -> removeOne(rows, before, table);
                default -> throw new IllegalStateException("Unknown op " + op);
            }
            return;
        }
        Map<String, Map<String, String>> rows = keyed.computeIfAbsent(table, t -> new HashMap<>());
        switch (op) {
            case "r", "c", "u" -> rows.put(row(key).toString(), after);
            case "d" -> rows.remove(row(key).toString());
            default -> throw new IllegalStateException("Unknown op " + op);
        }
    }

    /** The table's rows now, each as column to value text (absent columns NULL). */
    public List<Map<String, String>> rows(String table) {
        List<Map<String, String>> rows = new ArrayList<>(keyless.getOrDefault(table, List.of()));
        rows.addAll(keyed.getOrDefault(table, Map.of()).values());
        return rows;
    }

    /** Column name to value text, NULLs left out (so a row from before an ADD COLUMN equals one after it). */
    public static Map<String, String> row(Struct row) {
        if (row == null) {
            return null;
        }
        Map<String, String> values = new TreeMap<>();
        for (Field field : row.schema().fields()) {
            Object value = row.getWithoutDefault(field.name());
            if (value != null) {
                values.put(
                        field.name(),
                        value instanceof byte[] bytes ? "\\x" + HexFormat.of().formatHex(bytes) : value.toString());
            }
        }
        return values;
    }

    /** The key columns' values of a row, for consumers that get rows without their record key (e.g. from a file). */
    public static Struct keyOf(Struct row, List<String> keyColumns) {
        if (keyColumns.isEmpty()) {
            return null;
        }
        org.apache.kafka.connect.data.SchemaBuilder schema = org.apache.kafka.connect.data.SchemaBuilder.struct();
        for (String column : keyColumns) {
            schema.field(column, row.schema().field(column).schema());
        }
        org.apache.kafka.connect.data.Schema built = schema.build();
        Struct key = new Struct(built);
        keyColumns.forEach(column -> key.put(column, row.getWithoutDefault(column)));
        return key;
    }

    private static void removeOne(List<Map<String, String>> rows, Map<String, String> row, String table) {
        if (!rows.remove(row)) {
            throw new IllegalStateException("A change of " + table + " names a row the consumer does not have: " + row);
        }
    }

    @Override
    public String toString() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        keyed.forEach((table, rows) -> sizes.put(table, rows.size()));
        keyless.forEach((table, rows) -> sizes.merge(table, rows.size(), Integer::sum));
        return "rebuilt tables " + sizes;
    }
}
