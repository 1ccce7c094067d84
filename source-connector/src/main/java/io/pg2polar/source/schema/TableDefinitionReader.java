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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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

    private TableDefinitionReader() {}

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
            Map<Long, Read> read = new LinkedHashMap<>();
            // parents not asked for are read in a further round each partition level
            Set<Long> asked = new HashSet<>();
            Collection<Long> wanted = oids;
            while (!wanted.isEmpty()) {
                asked.addAll(wanted);
                read.putAll(query(connection, wanted));
                wanted = read.values().stream()
                        .map(Read::parent)
                        .filter(p -> p != null && !asked.contains(p))
                        .distinct()
                        .toList();
            }
            Map<Long, TableDefinition> complete = new HashMap<>();
            Map<Long, TableDefinition> requested = new LinkedHashMap<>();
            for (Long oid : oids) {
                TableDefinition definition = withParents(oid, read, complete);
                if (definition != null) {
                    requested.put(oid, definition);
                }
            }
            return requested;
        } finally {
            connection.rollback();
        }
    }

    /** A table's own definition and, for a partition, its parent's OID. */
    private record Read(TableDefinition definition, Long parent) {}

    private static Map<Long, Read> query(Connection connection, Collection<Long> oids) throws SQLException {
        Map<Long, Read> read = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(MANY_TABLES)) {
            statement.setArray(1, connection.createArrayOf("int8", oids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String json = rs.getString(3);
                    if (json != null) {
                        long parent = rs.getLong(2);
                        read.put(rs.getLong(1), new Read(TableDefinition.fromJson(json), rs.wasNull() ? null : parent));
                    }
                }
            }
        }
        return read;
    }

    /** A partition's definition with its parent's (built once, even for thousands of partitions). */
    private static TableDefinition withParents(long oid, Map<Long, Read> read, Map<Long, TableDefinition> complete) {
        if (complete.containsKey(oid)) {
            return complete.get(oid);
        }
        Read table = read.get(oid);
        TableDefinition definition = table == null ? null : table.definition();
        if (definition != null && definition.partitionOf() != null && table.parent() != null) {
            definition = definition.withParent(withParents(table.parent(), read, complete));
        }
        complete.put(oid, definition);
        return definition;
    }

    private static String load() {
        try (InputStream in = TableDefinitionReader.class.getResourceAsStream("table-definition.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
