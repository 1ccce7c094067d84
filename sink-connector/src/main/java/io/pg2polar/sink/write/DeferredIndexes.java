package io.pg2polar.sink.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.dialect.DdlStatements;
import io.pg2polar.sink.dialect.StateStatements;

/**
 * Builds a table's plain indexes after its full load instead of maintaining them row by row during it, as pg_dump's
 * output does; keys and unique indexes stay (see {@link #DEFERRABLE}).
 *
 * <p>When a table begins a snapshot's rows (it was just emptied) the indexes are dropped in that chunk's
 * transaction and their definitions kept in {@code pg2polar.deferred_indexes}; the table's last chunk re-creates
 * them in its own transaction. Both happen with the chunks' rows and offsets, so a crash in between leaves the
 * definitions recorded and the load resumes without indexes, and a load that starts over finds them already kept.
 * {@code SELECT pg2polar.restore_deferred_indexes()} re-creates them by hand for a load abandoned halfway.
 *
 * <p>Kept in place: primary keys, unique constraints and unique indexes, exclusion constraints, the replica
 * identity index, and the indexes of tables the sink's account does not own, of partitioned tables and partitions.
 */
public final class DeferredIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(DeferredIndexes.class);

    /**
     * The indexes that may be dropped: plain ones. Keys and unique indexes stay, since a table created meanwhile may
     * reference them with a foreign key (which cannot be created without them: a child's definition arriving while
     * its parent loaded stopped the sink).
     */
    private static final String DEFERRABLE = """
            SELECT ic.relname, pg_catalog.pg_get_indexdef(i.indexrelid)
            FROM pg_catalog.pg_index i
            JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_catalog.pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = c.oid
            WHERE n.nspname = ? AND c.relname = ? AND c.relkind = 'r' AND NOT c.relispartition
              AND pg_catalog.pg_has_role(c.relowner, 'USAGE')
              AND NOT i.indisreplident AND NOT i.indisunique AND con.oid IS NULL
            ORDER BY ic.relname""";

    private final boolean enabled;
    private final DdlStatements ddl;
    private final StateStatements state;

    /**
     * @param enabled whether to defer at all ({@code full.load.defer.indexes})
     * @param ddl     the dialect's DDL, for dropping the indexes
     * @param state   the dialect's statements on the state tables, for keeping the indexes
     */
    public DeferredIndexes(boolean enabled, DdlStatements ddl, StateStatements state) {
        this.state = state;
        this.enabled = enabled;
        this.ddl = ddl;
    }

    /**
     * Drops the indexes of a table about to receive a snapshot's rows, keeping their definitions; nothing when
     * they are kept already (a load that starts over) or the table has none that may go.
     */
    public void dropBeforeLoad(Connection connection, TableId table) throws SQLException {
        if (!enabled || !kept(connection, table).isEmpty()) {
            return;
        }
        List<Deferrable> indexes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(DEFERRABLE)) {
            query.setString(1, table.schema());
            query.setString(2, table.table());
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    indexes.add(new Deferrable(rs.getString(1), rs.getString(2)));
                }
            }
        }
        try (PreparedStatement keep = connection.prepareStatement(state.keepDeferredIndex());
                Statement drop = connection.createStatement()) {
            int position = 0;
            for (Deferrable index : indexes) {
                keep.setString(1, table.schema());
                keep.setString(2, table.table());
                keep.setInt(3, position++);
                keep.setString(4, index.name());
                keep.setString(5, index.definition());
                keep.addBatch();
                drop.addBatch(ddl.dropIndex(table.schema(), index.name()));
            }
            if (!indexes.isEmpty()) {
                keep.executeBatch();
                drop.executeBatch();
                LOG.info(
                        "{}: {} indexes dropped for the full load, re-created after its last rows",
                        table,
                        indexes.size());
            }
        }
    }

    /**
     * Re-creates what {@link #dropBeforeLoad} kept for the table, after its last snapshot rows.
     *
     * @return whether it re-created any (what was known of the table's keys is stale)
     */
    public boolean restoreAfterLoad(Connection connection, TableId table) throws SQLException {
        List<String> statements = kept(connection, table);
        if (statements.isEmpty()) {
            return false;
        }
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            for (String restore : statements) {
                statement.execute(restore);
            }
        }
        try (PreparedStatement forget = connection.prepareStatement(state.forgetDeferredIndexes())) {
            forget.setString(1, table.schema());
            forget.setString(2, table.table());
            forget.executeUpdate();
        }
        LOG.info(
                "{}: {} indexes re-created after the full load in {} ms",
                table,
                statements.size(),
                (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    /** An index that may go, and the statement that creates it. */
    private record Deferrable(String name, String definition) {}

    private List<String> kept(Connection connection, TableId table) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(state.deferredIndexes())) {
            query.setString(1, table.schema());
            query.setString(2, table.table());
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    statements.add(rs.getString(1));
                }
            }
        }
        return statements;
    }
}
