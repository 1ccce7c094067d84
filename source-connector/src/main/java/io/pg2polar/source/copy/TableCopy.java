package io.pg2polar.source.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.relational.Tables.ColumnNameFilter;
import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.common.sql.SingleStatement;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.source.filter.RowCondition;
import io.pg2polar.source.filter.RowFilters;
import io.pg2polar.source.schema.CapturedTables;

/**
 * What the full load copies of one table: the selected columns that can be written (generated columns are computed
 * on the target), the rows the row filter keeps, and the table's own rows only ({@code ONLY}: partitions and
 * inheritance children are copied as the tables they are). A partitioned table is read whole only where none of its
 * partitions is captured itself.
 *
 * @param sizeBytes the table's size on disk, to start the largest tables first
 */
public record TableCopy(TableId table, List<String> columns, String query, long sizeBytes) {

    private static final String COLUMNS = """
            SELECT a.attname FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum""";
    private static final String TABLE = """
            SELECT c.relkind, pg_catalog.pg_total_relation_size(c.oid),
                   EXISTS (SELECT 1 FROM pg_catalog.pg_partition_tree(c.oid) t WHERE t.relid <> c.oid AND t.relid = ANY (?))
            FROM pg_catalog.pg_class c WHERE c.oid = ?""";

    /** The COPY statement that writes the table's rows to the client in text format. */
    public String copyOut() {
        return "COPY (" + query + ") TO STDOUT";
    }

    /** Every captured table's copy, largest first. */
    public static List<TableCopy> plan(Connection connection, PostgresConnectorConfig config, RowFilters rowFilters) throws SQLException {
        Map<io.debezium.relational.TableId, Long> captured = CapturedTables.list(connection, config);
        Long[] capturedOids = captured.values().toArray(Long[]::new);
        ColumnNameFilter columnFilter = config.getColumnFilter();
        Map<TableId, RowCondition> conditions = rowFilters.checked();
        List<TableCopy> copies = new ArrayList<>();
        for (Map.Entry<io.debezium.relational.TableId, Long> entry : captured.entrySet()) {
            TableId table = new TableId(entry.getKey().schema(), entry.getKey().table());
            long oid = entry.getValue();
            char kind;
            long size;
            boolean partitionsCaptured;
            try (PreparedStatement statement = connection.prepareStatement(TABLE)) {
                statement.setArray(1, connection.createArrayOf("oid", capturedOids));
                statement.setLong(2, oid);
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    kind = rs.getString(1).charAt(0);
                    size = rs.getLong(2);
                    partitionsCaptured = rs.getBoolean(3);
                }
            }
            if (kind == 'p' && partitionsCaptured) {
                continue;
            }
            List<String> columns = columns(connection, oid).stream()
                    .filter(c -> columnFilter.matches(null, table.schema(), table.table(), c)).toList();
            if (columns.isEmpty()) {
                continue;
            }
            RowCondition condition = conditions.get(table);
            String query = select(table, kind == 'p', columns, condition);
            if (condition != null) {
                // COPY travels on the simple protocol, which runs every statement of a text: PostgreSQL reads the query first
                SingleStatement.verify(connection, query);
            }
            copies.add(new TableCopy(table, columns, query, size));
        }
        copies.sort(Comparator.comparingLong(TableCopy::sizeBytes).reversed());
        return copies;
    }

    static String select(TableId table, boolean whole, List<String> columns, RowCondition condition) {
        StringJoiner list = new StringJoiner(", ");
        columns.forEach(c -> list.add(Identifiers.quote(c)));
        return "SELECT " + list + " FROM " + (whole ? "" : "ONLY ") + table.quoted() + (condition == null ? "" : condition.whereClause());
    }

    private static List<String> columns(Connection connection, long oid) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setLong(1, oid);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }
}
