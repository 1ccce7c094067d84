package io.pg2polar.sink.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.catalog.TargetTable;
import io.pg2polar.sink.write.TableChanges;
import io.pg2polar.sink.write.TableChangesWriter;

/** The row changes of one batch not written yet, per table in the order the tables came: each table's are written as one batch. */
public final class PendingRows {

    private final TableChangesWriter writer;
    private final Map<TableId, TableChanges> pending = new LinkedHashMap<>();

    PendingRows(TableChangesWriter writer) {
        this.writer = writer;
    }

    /** The table's pending changes, or null when it has none. */
    TableChanges get(TableId table) {
        return pending.get(table);
    }

    /** Begins the table's pending changes. */
    TableChanges begin(TargetTable table, boolean loading) {
        TableChanges changes = TableChanges.forTable(table, loading);
        pending.put(table.id(), changes);
        return changes;
    }

    /** Writes the table's pending changes, before something else touches the table. */
    void flush(Connection connection, TableId table) throws SQLException {
        TableChanges changes = pending.remove(table);
        if (changes != null) {
            writer.write(connection, changes);
        }
    }

    void flushAll(Connection connection) throws SQLException {
        for (TableChanges changes : pending.values()) {
            writer.write(connection, changes);
        }
        pending.clear();
    }
}
