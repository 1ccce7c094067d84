package io.pg2polar.source.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.relational.TableId;

/**
 * The tables the migration covers: the source's ordinary and partitioned tables outside system schemas and
 * pg2polar's own, kept or left out by the same include/exclude lists Debezium applies to rows.
 */
public final class CapturedTables {

    private static final String TABLES = """
            SELECT c.oid, n.nspname, c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg2polar')
              AND n.nspname NOT LIKE 'pg\\_%' ORDER BY n.nspname, c.relname""";

    private CapturedTables() {}

    /** Each captured table's OID, in schema and name order. */
    public static Map<TableId, Long> list(Connection connection, PostgresConnectorConfig config) throws SQLException {
        Map<TableId, Long> tables = new LinkedHashMap<>();
        var filter = config.getTableFilters().dataCollectionFilter();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(TABLES)) {
            while (rs.next()) {
                TableId id = new TableId(null, rs.getString(2), rs.getString(3));
                if (filter.isIncluded(id)) {
                    tables.put(id, rs.getLong(1));
                }
            }
        }
        return tables;
    }
}
