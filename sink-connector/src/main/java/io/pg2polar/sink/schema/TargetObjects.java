package io.pg2polar.sink.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.common.sql.TableId;

/** Questions about what exists on the target, asked in the apply transaction. */
final class TargetObjects {

    private final Connection connection;

    TargetObjects(Connection connection) {
        this.connection = connection;
    }

    boolean tableExists(TableId table) throws SQLException {
        return exists("SELECT pg_catalog.to_regclass(?) IS NOT NULL", table.quoted());
    }

    boolean typeExists(String schema, String name) throws SQLException {
        return exists("SELECT pg_catalog.to_regtype(?) IS NOT NULL", Identifiers.qualify(schema, name));
    }

    boolean indexExists(String schema, String name) throws SQLException {
        return exists("SELECT pg_catalog.to_regclass(?) IS NOT NULL", Identifiers.qualify(schema, name));
    }

    boolean constraintExists(TableId table, String name) throws SQLException {
        return exists(
                "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass(?) AND conname = ?)",
                table.quoted(),
                name);
    }

    /** Rows of the table itself: a partitioned table's partitions are asked on their own. */
    boolean hasRows(TableId table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM ONLY " + table.quoted() + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Column name to type of an existing table, in column order, printed the way the source prints types in
     * definitions (every identifier quoted, user types schema-qualified) so the two compare.
     */
    Map<String, String> columnTypes(TableId table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> column : columns(table).entrySet()) {
            columns.put(column.getKey(), column.getValue()[0]);
        }
        return columns;
    }

    /** Column name to {type, "t"/"f" for NOT NULL}, types printed as in {@link #columnTypes}. */
    Map<String, String[]> columns(TableId table) throws SQLException {
        Map<String, String[]> columns = new LinkedHashMap<>();
        try (Statement settings = connection.createStatement()) {
            settings.execute("SET LOCAL quote_all_identifiers = on");
            settings.execute("SET LOCAL search_path = ''");
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT attname, pg_catalog.format_type(atttypid, atttypmod), attnotnull FROM pg_catalog.pg_attribute
                    WHERE attrelid = pg_catalog.to_regclass(?) AND attnum > 0 AND NOT attisdropped ORDER BY attnum""")) {
                statement.setString(1, table.quoted());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        columns.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                    }
                }
            } finally {
                // back to the session's own settings: the transaction goes on with unqualified casts
                settings.execute("RESET quote_all_identifiers");
                settings.execute("RESET search_path");
            }
        }
        return columns;
    }

    /** Every user table of the target database that holds rows, for conflict reports. */
    List<TableId> tablesWithRows() throws SQLException {
        List<TableId> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                SELECT n.nspname, c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg2polar')
                  AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1, 2""")) {
            while (rs.next()) {
                tables.add(new TableId(rs.getString(1), rs.getString(2)));
            }
        }
        List<TableId> withRows = new ArrayList<>();
        for (TableId table : tables) {
            if (hasRows(table)) {
                withRows.add(table);
            }
        }
        return withRows;
    }

    private boolean exists(String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
