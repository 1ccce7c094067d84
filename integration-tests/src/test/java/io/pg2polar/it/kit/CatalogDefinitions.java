package io.pg2polar.it.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.servers.postgres.PostgresServer;

/**
 * Table definitions as a database's own catalog describes them - through the source connector's
 * {@code table-definition.sql}, run the same way on either side - so tests compare what the target really
 * has with what the source has, not with strings a test wrote. OIDs differ by nature and are left out.
 */
public final class CatalogDefinitions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY = readQuery();

    private CatalogDefinitions() {}

    /** Every ordinary and partitioned table of the user schemas, by name, as JSON without OIDs. */
    public static TreeMap<String, JsonNode> of(PostgresServer server, String database) {
        TreeMap<String, JsonNode> definitions = new TreeMap<>();
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute("SET quote_all_identifiers = on");
            statement.execute("SET search_path = ''");
            for (TableId table : tables(statement)) {
                try (ResultSet rs = statement.executeQuery(
                        QUERY.replace("$1", "'" + table.quoted().replace("'", "''") + "'::regclass"))) {
                    rs.next();
                    ObjectNode definition = (ObjectNode) JSON.readTree(rs.getString(1));
                    definition.remove("oid");
                    definitions.put(table.toString(), definition);
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot read table definitions of " + database + ": " + e.getMessage(), e);
        }
        return definitions;
    }

    private static List<TableId> tables(Statement statement) throws SQLException {
        List<TableId> tables = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("""
                SELECT n.nspname, c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg2polar')
                  AND n.nspname NOT LIKE 'pg\\_%'""")) {
            while (rs.next()) {
                tables.add(new TableId(rs.getString(1), rs.getString(2)));
            }
        }
        return tables;
    }

    private static String readQuery() {
        Path sql = Path.of(
                System.getProperty("pg2polar.project.dir", ".."),
                "source-connector/src/main/resources/io/pg2polar/source/schema/table-definition.sql");
        try {
            return Files.readString(sql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
