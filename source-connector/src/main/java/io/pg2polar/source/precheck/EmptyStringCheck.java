package io.pg2polar.source.precheck;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.relational.TableId;

import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.source.schema.CapturedTables;

/**
 * PolarDB-O stores {@code ''} as NULL under its default {@code polar_empty_string_is_null_enable} (PolarDB-O
 * parameter documentation, "Oracle-compatibility parameters"), so a NOT NULL text column holding {@code ''}
 * would reject those rows on the target. This finds such columns on the source before anything is loaded.
 */
final class EmptyStringCheck {

    private static final Logger LOG = LoggerFactory.getLogger(EmptyStringCheck.class);
    private static final String NOT_NULL_TEXT_COLUMNS = """
            SELECT a.attname FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            WHERE a.attrelid = %d AND a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull
              AND (t.typcategory = 'S' OR t.typbasetype <> 0 AND (SELECT typcategory FROM pg_catalog.pg_type WHERE oid = t.typbasetype) = 'S')""";

    private EmptyStringCheck() {}

    /** Messages naming each table and column that holds {@code ''} in a NOT NULL text column. */
    static List<String> run(Connection connection, PostgresConnectorConfig config) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            // a scan per column: bounded, so the validate call answers in time on big tables
            statement.execute("SET statement_timeout = '10s'");
            for (Map.Entry<TableId, Long> table :
                    CapturedTables.list(connection, config).entrySet()) {
                String quoted = Identifiers.qualify(
                        table.getKey().schema(), table.getKey().table());
                for (String column : notNullTextColumns(statement, table.getValue())) {
                    try (ResultSet rs = statement.executeQuery(
                            "SELECT count(*) FROM " + quoted + " WHERE " + Identifiers.quote(column) + " = ''")) {
                        rs.next();
                        long rows = rs.getLong(1);
                        if (rows > 0) {
                            problems.add(quoted + '.' + Identifiers.quote(column) + " (" + rows + " rows)");
                        }
                    } catch (SQLException e) {
                        LOG.warn(
                                "Could not check {}.{} for empty strings in time ({}); check it yourself",
                                quoted,
                                column,
                                e.getMessage());
                    }
                }
            }
            statement.execute("RESET statement_timeout");
        }
        return problems;
    }

    private static List<String> notNullTextColumns(Statement statement, long tableOid) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(NOT_NULL_TEXT_COLUMNS.formatted(tableOid))) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        return columns;
    }
}
