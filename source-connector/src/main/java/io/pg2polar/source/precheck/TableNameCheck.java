package io.pg2polar.source.precheck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.debezium.relational.TableId;

import io.pg2polar.common.precheck.PrecheckItem;
import io.pg2polar.source.schema.StreamableNames;

import static io.pg2polar.common.precheck.PrecheckItem.Side.SOURCE;

/**
 * The selected tables Debezium cannot stream, each named with the reason: names it cannot read back
 * ({@link StreamableNames}), and columns whose names differ only in case, which its pgoutput decoder refuses
 * ({@code has columns that differ only by case}) at the table's first change. Found before anything starts, so
 * the user excludes or renames them instead of meeting a stack trace mid-migration.
 */
public final class TableNameCheck {

    static final String FIELD = "table.exclude.list";
    private static final String COLUMNS = """
            SELECT a.attrelid, a.attname FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum""";

    private TableNameCheck() {}

    /** The item for the selected tables (table to OID). */
    public static PrecheckItem check(Connection connection, Map<TableId, Long> tables, int listed) throws SQLException {
        List<String> refused = new ArrayList<>();
        problems(connection, tables)
                .forEach((table, problem) ->
                        refused.add(StreamableNames.refusal(table.schema(), table.table(), problem)));
        String title = "Table and column names Debezium can stream";
        if (refused.isEmpty()) {
            return PrecheckItem.pass(
                    "source.table_names",
                    SOURCE,
                    FIELD,
                    title,
                    "every selected table's name reads back in Debezium's stream");
        }
        return PrecheckItem.fail(
                "source.table_names",
                SOURCE,
                FIELD,
                title,
                refused.size() + " selected tables cannot be streamed by Debezium "
                        + "3.7, whose changes would stop the source task: " + SourceChecks.list(refused, listed) + ".",
                "Exclude or rename each of them before starting the migration.");
    }

    /** Each selected table Debezium cannot stream, with why. */
    public static Map<TableId, String> problems(Connection connection, Map<TableId, Long> tables) throws SQLException {
        Map<Long, List<String>> columns = columns(connection, tables.values());
        Map<TableId, String> problems = new LinkedHashMap<>();
        tables.forEach((table, oid) -> StreamableNames.problem(
                        table.schema(), table.table(), columns.getOrDefault(oid, List.of()))
                .ifPresent(problem -> problems.put(table, problem)));
        return problems;
    }

    private static Map<Long, List<String>> columns(Connection connection, Collection<Long> oids) throws SQLException {
        Map<Long, List<String>> columns = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setArray(1, connection.createArrayOf("oid", oids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getLong(1), oid -> new ArrayList<>())
                            .add(rs.getString(2));
                }
            }
        }
        return columns;
    }
}
