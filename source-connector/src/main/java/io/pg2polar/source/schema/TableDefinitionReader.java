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
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pg2polar.common.schema.TableDefinition;

/**
 * Reads a table's definition from the source catalog ({@code table-definition.sql}), with every identifier in
 * deparsed SQL quoted and schema-qualified. A partition's definition carries its parent's.
 */
public final class TableDefinitionReader {

    /** The query, with {@code $1} for the table's OID; the DDL capture trigger runs the same text. */
    public static final String QUERY = load();
    /**
     * The query for many tables at once, their OIDs in one array parameter: planned once, not once per table,
     * which made reading 2,000 definitions take 20 s instead of under one. The second column is a partition's
     * parent (one at most; old-style inheritance allows several parents but needs none here).
     */
    private static final String MANY_TABLES = """
            SELECT requested.oid,
                   (SELECT i.inhparent::bigint FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhrelid = requested.oid::oid AND c.relispartition),
                   definition.json
            FROM unnest(CAST(? AS bigint[])) WITH ORDINALITY AS requested (oid, position)
            CROSS JOIN LATERAL (%s) AS definition (json)
            ORDER BY requested.position""".formatted(QUERY.replace("$1", "(requested.oid::oid)"));

    private TableDefinitionReader() {
    }

    /**
     * Reads the definitions of the given tables, a partition's with its parent's.
     *
     * @param connection a connection with auto-commit off; the read runs in its own transaction, rolled back
     * @return each definition by OID, in the order given; tables that no longer exist are left out
     */
    public static Map<Long, TableDefinition> readAll(Connection connection, Collection<Long> oids) throws SQLException {
        try (Statement settings = connection.createStatement()) {
            settings.execute("SET LOCAL quote_all_identifiers = on");
            settings.execute("SET LOCAL search_path = ''");
            Map<Long, TableDefinition> own = new LinkedHashMap<>();
            Map<Long, Long> parents = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(MANY_TABLES)) {
                statement.setArray(1, connection.createArrayOf("int8", oids.toArray()));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String json = rs.getString(3);
                        if (json != null) {
                            own.put(rs.getLong(1), TableDefinition.fromJson(json));
                            long parent = rs.getLong(2);
                            if (!rs.wasNull()) {
                                parents.put(rs.getLong(1), parent);
                            }
                        }
                    }
                }
            }
            Map<Long, TableDefinition> complete = new HashMap<>();
            Map<Long, TableDefinition> requested = new LinkedHashMap<>();
            for (Long oid : List.copyOf(own.keySet())) {
                requested.put(oid, withParents(connection, oid, own, parents, complete));
            }
            return requested;
        }
        finally {
            connection.rollback();
        }
    }

    /** A partition's definition with its parent's (read once, even for thousands of partitions). */
    private static TableDefinition withParents(Connection connection, long oid, Map<Long, TableDefinition> own, Map<Long, Long> parents,
                                               Map<Long, TableDefinition> complete) throws SQLException {
        TableDefinition done = complete.get(oid);
        if (done != null) {
            return done;
        }
        TableDefinition definition = own.get(oid);
        if (definition == null) {
            definition = query(connection, oid);
            own.put(oid, definition);
            Long parent = parentOid(connection, oid);
            if (parent != null) {
                parents.put(oid, parent);
            }
        }
        Long parent = parents.get(oid);
        if (definition != null && definition.partitionOf() != null && parent != null) {
            definition = definition.withParent(withParents(connection, parent, own, parents, complete));
        }
        complete.put(oid, definition);
        return definition;
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
