package io.pg2polar.controlplane.verify;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.pg2polar.common.sql.TableId;

/** Reads a table's columns and primary key from one side's catalog. */
final class TableShapeReader {

    private static final String TABLE = """
            SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f')""";
    private static final String COLUMNS = """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), CAST(a.atttypid AS integer), ty.typcategory = 'S', ty.typcollation <> 0
            FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid
            WHERE a.attrelid = CAST(? AS oid) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum""";
    private static final String PRIMARY_KEY = """
            SELECT a.attname FROM pg_index i
            CROSS JOIN LATERAL unnest(CAST(i.indkey AS int2[])) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = CAST(? AS oid) AND i.indisprimary
            ORDER BY k.ord""";

    private TableShapeReader() {}

    /** The table's columns in column order; empty when the table does not exist on this side. */
    static Optional<List<SideColumn>> columns(SideConnection side, TableId table) throws SQLException {
        Optional<String> oid = oid(side, table);
        if (oid.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(side.query(
                new SqlQuery(COLUMNS, List.of(oid.get())),
                rs -> new SideColumn(
                        rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4), rs.getBoolean(5))));
    }

    /** The primary-key columns in key order; empty for a table without a primary key or that does not exist. */
    static List<String> primaryKey(SideConnection side, TableId table) throws SQLException {
        Optional<String> oid = oid(side, table);
        return oid.isEmpty()
                ? List.of()
                : side.query(new SqlQuery(PRIMARY_KEY, List.of(oid.get())), rs -> rs.getString(1));
    }

    private static Optional<String> oid(SideConnection side, TableId table) throws SQLException {
        return side.query(new SqlQuery(TABLE, List.of(table.schema(), table.table())), rs -> rs.getString(1)).stream()
                .findFirst();
    }
}
