package io.pg2polar.sink.precheck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.pg2polar.common.sql.Identifiers;

/**
 * Target tables that already hold rows this sink connector did not write: DTS's "conflicting tables". Tables the
 * connector has applied rows to ({@code pg2polar.table_progress}) are its own, so reconfiguring a running
 * migration is no conflict.
 */
final class ConflictingTables {

    private ConflictingTables() {
    }

    static List<String> find(Connection connection, String connector) throws SQLException {
        boolean progressKnown;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT to_regclass('pg2polar.table_progress') IS NOT NULL")) {
            rs.next();
            progressKnown = rs.getBoolean(1);
        }
        String sql = """
                SELECT n.nspname, c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg2polar') AND n.nspname NOT LIKE 'pg\\_%'
                """ + (progressKnown ? """
                  AND NOT EXISTS (SELECT 1 FROM pg2polar.table_progress p WHERE p.connector = ? AND p.table_schema = n.nspname
                                  AND p.table_name = c.relname)""" : "") + " ORDER BY 1, 2";
        List<String> candidates = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (progressKnown) {
                statement.setString(1, connector);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    candidates.add(Identifiers.qualify(rs.getString(1), rs.getString(2)));
                }
            }
        }
        List<String> withRows = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : candidates) {
                try (ResultSet rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        withRows.add(table);
                    }
                }
            }
        }
        return withRows;
    }
}
