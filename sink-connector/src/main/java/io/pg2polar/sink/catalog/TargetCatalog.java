package io.pg2polar.sink.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.dialect.StateStatements;

/**
 * Reads target table definitions from {@code pg_catalog} and keeps them for the life of the task; a table is
 * read once, on first use.
 */
public final class TargetCatalog {

    private static final String COLUMNS_SQL = """
            SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attgenerated <> '', a.attidentity = 'a'
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum""";
    private static final String PRIMARY_KEY_SQL = """
            SELECT a.attname
            FROM pg_catalog.pg_index i
            JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            WHERE i.indrelid = ? AND i.indisprimary
            ORDER BY pg_catalog.array_position(i.indkey::int2[], a.attnum)""";

    private final StateStatements state;
    private final String targetDescription;
    private final Map<TableId, TargetTable> tables = new HashMap<>();

    /** @param targetDescription where the target is, for messages (user@host:port/db) */
    public TargetCatalog(StateStatements state, String targetDescription) {
        this.state = state;
        this.targetDescription = targetDescription;
    }

    /**
     * The definition of a target table.
     *
     * @throws MissingTargetObjectException when the table does not exist on the target
     */
    public TargetTable table(Connection connection, TableId id) throws SQLException {
        TargetTable cached = tables.get(id);
        if (cached != null) {
            return cached;
        }
        TargetTable loaded = load(connection, id);
        tables.put(id, loaded);
        return loaded;
    }

    /** Forgets one table's definition after its schema changed. */
    public void forget(TableId id) {
        tables.remove(id);
    }

    /** Forgets every definition, e.g. after a reconnect, so the next use reads the catalog again. */
    public void clear() {
        tables.clear();
    }

    private TargetTable load(Connection connection, TableId id) throws SQLException {
        long oid = oidOf(connection, id);
        List<TargetColumn> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS_SQL)) {
            statement.setLong(1, oid);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(new TargetColumn(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)));
                }
            }
        }
        List<String> primaryKey = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(PRIMARY_KEY_SQL)) {
            statement.setLong(1, oid);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    primaryKey.add(rs.getString(1));
                }
            }
        }
        return new TargetTable(nameOf(connection, oid), columns, primaryKey);
    }

    /** The table's current name: a renamed table is written under its new name. */
    private static TableId nameOf(Connection connection, long oid) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ?")) {
            statement.setLong(1, oid);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new TableId(rs.getString(1), rs.getString(2));
            }
        }
    }

    /**
     * The table's OID. A table renamed on the target while rows for its old name were still on their way (the
     * rename reached the new name's topic first) is found under its new name through pg2polar.table_renames.
     */
    private long oidOf(Connection connection, TableId id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(state.resolveTable())) {
            statement.setString(1, id.schema());
            statement.setString(2, id.table());
            statement.setString(3, id.quoted());
            try (ResultSet rs = statement.executeQuery()) {
                long oid = rs.next() ? rs.getLong(1) : 0;
                if (oid == 0) {
                    throw new MissingTargetObjectException(
                            "Target table " + id.quoted() + " does not exist in " + targetDescription
                                    + ". Create it on the target with the same columns and primary key as on the source, or leave the"
                                    + " source table out of the migration (table.exclude.list on the source connector), then restart"
                                    + " the failed task.");
                }
                return oid;
            }
        }
    }
}
