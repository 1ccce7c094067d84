package io.pg2polar.source.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.debezium.relational.TableId;

import io.pg2polar.common.sql.Identifiers;

/**
 * Which tables Debezium 3.7's stream can carry, by their names. Its pgoutput decoder passes each change's table on
 * as {@code TableId.toDoubleQuotedString()} and parses that text back ({@code PostgresSchema.parse}): the quoting
 * leaves a part that begins or ends with {@code "} unquoted, which the parser mostly cannot read
 * ({@code Unexpected input: "} for {@code Order "Items"}: the task dies at the table's first change), and the parser
 * turns two single quotes or backticks in a row into one, filing the change under another name. The round trip is
 * run with Debezium's own code, so a Debezium that fixes it lets these names pass. The decoder also refuses a
 * table with two columns whose names differ only in case ({@code has columns that differ only by case}).
 */
public final class StreamableNames {

    private StreamableNames() {}

    /** Why Debezium cannot stream the table's changes, or empty when it can. */
    public static Optional<String> problem(String schema, String table, List<String> columns) {
        TableId id = new TableId(null, schema, table);
        String quoted = id.toDoubleQuotedString();
        try {
            TableId back = TableId.parse(quoted, false);
            if (back == null || !schema.equals(back.schema()) || !table.equals(back.table())) {
                return Optional.of("Debezium reads its own quoting of the name, " + quoted + ", back as another table ("
                        + (back == null ? "none" : back.schema() + " / " + back.table()) + ")");
            }
        } catch (RuntimeException e) {
            return Optional.of(
                    "Debezium cannot parse its own quoting of the name, " + quoted + " (" + e.getMessage() + ")");
        }
        return caseTwins(columns);
    }

    /** Before the migration: the table, why, and the two ways out. */
    public static String refusal(String schema, String table, String problem) {
        String name = Identifiers.qualify(schema, table);
        return "Table " + name + " cannot be streamed: " + problem + ". Leave it out with table.exclude.list (e.g. "
                + excludePattern(schema, table) + ") or rename "
                + (problem.contains("differ only in case") ? "one of the columns" : "the table") + " on the source";
    }

    /**
     * While streaming, at the DDL that gave the table its name or columns: only leaving it out lets the stream pass,
     * since the changes already written under the name are read again after a restart.
     */
    public static String streamingRefusal(String schema, String table, String problem, String command) {
        return "Table " + Identifiers.qualify(schema, table) + " cannot be streamed after " + command
                + " on the source: " + problem
                + ". Add it to table.exclude.list (e.g. " + excludePattern(schema, table)
                + ") and restart the connector; migrate that"
                + " table's rows separately, under a name Debezium can read";
    }

    /**
     * A {@code table.exclude.list} entry matching exactly this table: Debezium matches the unquoted
     * {@code schema.table} against each comma-separated regular expression (a comma escaped with a backslash).
     */
    public static String excludePattern(String schema, String table) {
        return escape(schema) + "\\." + escape(table);
    }

    private static Optional<String> caseTwins(List<String> columns) {
        Map<String, String> seen = new HashMap<>();
        for (String column : columns) {
            // compared as Debezium's decoder compares them
            String twin = seen.putIfAbsent(column.toLowerCase(), column);
            if (twin != null) {
                return Optional.of("its columns " + Identifiers.quote(twin) + " and " + Identifiers.quote(column)
                        + " differ only in case, which Debezium's decoder refuses");
            }
        }
        return Optional.empty();
    }

    private static String escape(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (char c : name.toCharArray()) {
            if ("\\.[]{}()*+?^$|,".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
