package io.pg2polar.common.precheck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.pg2polar.common.sink.TableProgressReader;
import io.pg2polar.common.sql.TableId;

/**
 * Target tables that already hold rows this sink connector did not write: DTS's "conflicting tables". Tables the
 * connector has applied rows to ({@code pg2polar.table_progress}) are its own, so reconfiguring a running
 * migration is no conflict. Definitions are compared by the sink task when the source's arrive.
 */
final class ConflictingTables {

    private static final String USER_TABLES = """
            SELECT n.nspname, c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg2polar') AND n.nspname NOT LIKE 'pg\\_%'
            ORDER BY 1, 2""";

    private ConflictingTables() {}

    /**
     * @param selected the migrated tables under their target names; empty when unknown, then every user table counts
     */
    static List<TableId> withRows(Connection connection, String connector, List<TableId> selected) throws SQLException {
        Set<TableId> own = TableProgressReader.tablesOf(connection, connector);
        List<TableId> withRows = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (TableId table : selected.isEmpty() ? userTables(connection) : existing(connection, selected)) {
                if (own.contains(table)) {
                    continue;
                }
                try (ResultSet rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table.quoted() + ")")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        withRows.add(table);
                    }
                }
            }
        }
        return withRows;
    }

    private static List<TableId> userTables(Connection connection) throws SQLException {
        List<TableId> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(USER_TABLES)) {
            while (rs.next()) {
                tables.add(new TableId(rs.getString(1), rs.getString(2)));
            }
        }
        return tables;
    }

    private static List<TableId> existing(Connection connection, List<TableId> selected) throws SQLException {
        List<TableId> tables = new ArrayList<>();
        for (TableId table : selected) {
            if (exists(connection, table.quoted())) {
                tables.add(table);
            }
        }
        return tables;
    }

    private static boolean exists(Connection connection, String quotedName) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, quotedName);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
