package io.pg2polar.source.copy;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
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
 * What the full load copies of one table: the rows the row filter keeps, the table's own rows only ({@code ONLY}:
 * partitions and inheritance children are copied as the tables they are; a partitioned table is read whole only where
 * none of its partitions is captured itself), in key ranges when it has a primary key. The columns are read per chunk,
 * under the chunk's lock ({@link #columns}), so a chunk always carries the table's columns as of its own snapshot.
 *
 * @param oid        the table's OID, to read its columns by
 * @param whole      a partitioned table read with its partitions
 * @param key        the primary key's columns in key order; empty for a table without one (read as one chunk)
 * @param condition  the row filter, or null
 * @param sizeBytes  the table's heap size, to start the largest tables first and to size chunks
 * @param rowEstimate PostgreSQL's estimate of its rows ({@code reltuples}); negative when never analyzed
 */
public record TableCopy(
        TableId table,
        long oid,
        boolean whole,
        List<KeyColumn> key,
        RowCondition condition,
        long sizeBytes,
        double rowEstimate) {

    /** A column of the primary key and its type as {@code format_type} writes it. */
    public record KeyColumn(String name, String type) {}

    private static final String COLUMNS = """
            SELECT a.attname FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum""";
    /** Every captured table at once: kind, heap size and row estimate (of its partitions too), primary key. */
    private static final String TABLES = """
            SELECT c.oid, c.relkind,
                   CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(pg_catalog.pg_relation_size(t.relid)), 0)
                                                   FROM pg_catalog.pg_partition_tree(c.oid) t)
                        ELSE pg_catalog.pg_relation_size(c.oid) END,
                   CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(greatest(p.reltuples, 0)), 0) FROM pg_catalog.pg_partition_tree(c.oid) t
                                                   JOIN pg_catalog.pg_class p ON p.oid = t.relid)
                        ELSE greatest(c.reltuples, 0) END,
                   c.relkind = 'r' AND c.reltuples < 0,
                   EXISTS (SELECT 1 FROM pg_catalog.pg_partition_tree(c.oid) t WHERE t.relid <> c.oid AND t.relid = ANY (?)),
                   ARRAY(SELECT a.attname FROM pg_catalog.pg_index i
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                         WHERE i.indrelid = c.oid AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)),
                   ARRAY(SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_index i
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                         WHERE i.indrelid = c.oid AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum))
            FROM pg_catalog.pg_class c WHERE c.oid = ANY (?)""";

    public boolean keyed() {
        return !key.isEmpty();
    }

    /**
     * The COPY statement that writes the rows of a key range to the client in text format, in key order. COPY takes no
     * bind parameters, so the range's values are quoted literals cast to the key columns' types.
     */
    public String copyOut(List<String> columns, KeyRange range) {
        return copyOut(columns, range, 0);
    }

    /** The COPY of a range's first {@code rowLimit} rows in key order (0: all of them). */
    public String copyOut(List<String> columns, KeyRange range, long rowLimit) {
        StringJoiner where = new StringJoiner(" AND ");
        if (range.lower() != null) {
            where.add(keyRow() + " > " + valueRow(range.lower()));
        }
        if (range.upper() != null) {
            where.add(keyRow() + " <= " + valueRow(range.upper()));
        }
        String select = select(table, whole, columns, condition, where.length() == 0 ? null : where.toString());
        return "COPY (" + select + (keyed() ? " ORDER BY " + keyList() : "")
                + (keyed() && rowLimit > 0 ? " LIMIT " + rowLimit : "") + ") TO STDOUT";
    }

    /** The selected columns of the table as they are now; call it under the chunk's lock. */
    public List<String> columns(Connection connection, ColumnNameFilter filter) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setLong(1, oid);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (filter.matches(null, table.schema(), table.table(), rs.getString(1))) {
                        columns.add(rs.getString(1));
                    }
                }
            }
        }
        return columns;
    }

    /**
     * Every captured table's copy, largest first.
     *
     * @param connection a connection inside a transaction (auto-commit off): row filters are checked in it
     */
    public static List<TableCopy> plan(Connection connection, PostgresConnectorConfig config, RowFilters rowFilters)
            throws SQLException {
        Map<io.debezium.relational.TableId, Long> captured = CapturedTables.list(connection, config);
        Map<TableId, RowCondition> conditions = rowFilters.checked();
        Map<Long, TableId> byOid = new java.util.HashMap<>();
        captured.forEach((id, oid) -> byOid.put(oid, new TableId(id.schema(), id.table())));
        List<TableCopy> copies = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(TABLES)) {
            Array oids = connection.createArrayOf("oid", captured.values().toArray());
            statement.setArray(1, oids);
            statement.setArray(2, oids);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    TableId table = byOid.get(rs.getLong(1));
                    boolean partitioned = "p".equals(rs.getString(2));
                    if (partitioned && rs.getBoolean(6)) {
                        continue;
                    }
                    String[] names = (String[]) rs.getArray(7).getArray();
                    String[] types = (String[]) rs.getArray(8).getArray();
                    List<KeyColumn> key = new ArrayList<>();
                    for (int i = 0; i < names.length; i++) {
                        key.add(new KeyColumn(names[i], types[i]));
                    }
                    double rows = rs.getBoolean(5) ? -1 : rs.getDouble(4);
                    copies.add(new TableCopy(
                            table,
                            rs.getLong(1),
                            partitioned,
                            List.copyOf(key),
                            conditions.get(table),
                            rs.getLong(3),
                            rows));
                }
            }
        }
        for (TableCopy copy : copies) {
            if (copy.condition() != null) {
                // COPY travels on the simple protocol, which runs every statement of a text: PostgreSQL reads the query
                // first
                SingleStatement.verify(
                        connection,
                        select(
                                copy.table(),
                                copy.whole(),
                                copy.columns(connection, (catalog, schema, name, column) -> true),
                                copy.condition(),
                                null));
            }
        }
        copies.sort(Comparator.comparingLong(TableCopy::sizeBytes).reversed().thenComparing(TableCopy::table));
        return copies;
    }

    /** The SELECT of the given columns, restricted to the row filter and to {@code range} (SQL of our own, or null). */
    static String select(TableId table, boolean whole, List<String> columns, RowCondition condition, String range) {
        StringJoiner list = new StringJoiner(", ");
        columns.forEach(c -> list.add(Identifiers.quote(c)));
        String where = condition == null
                ? (range == null ? "" : " WHERE " + range)
                : condition.whereClause() + (range == null ? "" : " AND " + range);
        return "SELECT " + list + " FROM " + (whole ? "" : "ONLY ") + table.quoted() + where;
    }

    /** {@code FROM} target of sampling and locking: the table, with {@code ONLY} unless it is read whole. */
    String from() {
        return (whole ? "" : "ONLY ") + table.quoted();
    }

    /** The key columns as a row: {@code ("a", "b")}. */
    String keyRow() {
        return "(" + keyList() + ")";
    }

    /** The key columns, comma-separated, for ORDER BY. */
    String keyList() {
        StringJoiner list = new StringJoiner(", ");
        key.forEach(k -> list.add(Identifiers.quote(k.name())));
        return list.toString();
    }

    /** Key values as a row of literals cast to the key's types. */
    String valueRow(List<String> values) {
        if (values.size() != key.size()) {
            throw new IllegalArgumentException(
                    "A key of " + table + " has " + key.size() + " columns, not " + values.size() + ": " + values);
        }
        StringJoiner row = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < values.size(); i++) {
            row.add("CAST(" + Identifiers.literal(values.get(i)) + " AS "
                    + key.get(i).type() + ")");
        }
        return row.toString();
    }

    @Override
    public String toString() {
        return table
                + (keyed()
                        ? " by "
                                + Arrays.toString(
                                        key.stream().map(KeyColumn::name).toArray())
                        : " (no primary key)");
    }
}
