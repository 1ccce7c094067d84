package io.pg2polar.source.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.pg2polar.common.schema.TableDefinition;

/**
 * Reads a table's definition from the source catalog ({@code table-definition.sql}), with every identifier in
 * deparsed SQL quoted and schema-qualified. A partition's definition carries its parent's.
 */
public final class TableDefinitionReader {

    /** The query, with {@code $1} for the table's OID; the DDL capture trigger runs the same text. */
    public static final String QUERY = load();

    private TableDefinitionReader() {
    }

    /**
     * @param connection a connection with auto-commit off; the read runs in its own transaction, rolled back
     * @return the definition, or null when no table has that OID any more
     */
    public static TableDefinition read(Connection connection, long oid) throws SQLException {
        try (Statement settings = connection.createStatement()) {
            settings.execute("SET LOCAL quote_all_identifiers = on");
            settings.execute("SET LOCAL search_path = ''");
            TableDefinition definition = query(connection, oid);
            if (definition != null && definition.partitionOf() != null) {
                Long parentOid = parentOid(connection, oid);
                if (parentOid != null) {
                    definition = definition.withParent(readInTransaction(connection, parentOid));
                }
            }
            return definition;
        }
        finally {
            connection.rollback();
        }
    }

    private static TableDefinition readInTransaction(Connection connection, long oid) throws SQLException {
        TableDefinition definition = query(connection, oid);
        Long parentOid = definition != null && definition.partitionOf() != null ? parentOid(connection, oid) : null;
        return parentOid == null ? definition : definition.withParent(readInTransaction(connection, parentOid));
    }

    private static TableDefinition query(Connection connection, long oid) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(QUERY.replace("$1", "?::oid"))) {
            int parameters = statement.getParameterMetaData().getParameterCount();
            for (int i = 1; i <= parameters; i++) {
                statement.setLong(i, oid);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? TableDefinition.fromJson(rs.getString(1)) : null;
            }
        }
    }

    private static Long parentOid(Connection connection, long oid) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT inhparent FROM pg_catalog.pg_inherits WHERE inhrelid = ?::oid")) {
            statement.setLong(1, oid);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static String load() {
        try (InputStream in = TableDefinitionReader.class.getResourceAsStream("table-definition.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
