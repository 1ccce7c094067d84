package io.pg2polar.sink.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.jdbc.SqlStates;
import io.pg2polar.sink.catalog.MissingTargetObjectException;
import io.pg2polar.sink.catalog.TargetTable;
import io.pg2polar.sink.dialect.TargetDialect;
import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.event.RowImage;

/**
 * Writes one {@link TableBatch} inside the caller's transaction: deletes first, then upserts grouped by column
 * set, each group as one JDBC batch. If a unique constraint other than the key rejects the reduced batch
 * (two rows swapping a unique value), the batch is rolled back to a savepoint and replayed event by event in
 * source order, which the source itself proved valid.
 */
public final class TableBatchWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TableBatchWriter.class);

    /** SQLSTATE of "cannot truncate a table referenced in a foreign key constraint". */
    private static final String FEATURE_NOT_SUPPORTED = "0A000";

    private final TargetDialect dialect;

    public TableBatchWriter(TargetDialect dialect) {
        this.dialect = dialect;
    }

    public void write(Connection connection, TableBatch batch) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            writeReduced(connection, batch);
            connection.releaseSavepoint(savepoint);
        }
        catch (SQLException e) {
            if (!SqlStates.UNIQUE_VIOLATION.equals(SqlStates.of(unwrap(e)))) {
                throw e;
            }
            LOG.info("Reduced batch for {} hit a unique constraint ({}); replaying its {} events in order", batch.table().id(),
                    unwrap(e).getMessage(), batch.events().size());
            connection.rollback(savepoint);
            writeInOrder(connection, batch);
        }
    }

    /**
     * Empties a table. TRUNCATE refuses tables that foreign keys reference, even with FK checks suspended;
     * those are emptied with DELETE, which the suspended checks let through. (TRUNCATE ... CASCADE would also
     * empty the referencing tables, whose own later changes may already be applied.)
     */
    public void truncate(Connection connection, TargetTable table) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            statement.execute(dialect.truncate(table.id()));
            connection.releaseSavepoint(savepoint);
        }
        catch (SQLException e) {
            if (!FEATURE_NOT_SUPPORTED.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(savepoint);
            try (Statement statement = connection.createStatement()) {
                statement.execute(dialect.deleteAll(table.id()));
            }
        }
    }

    private void writeReduced(Connection connection, TableBatch batch) throws SQLException {
        TargetTable table = batch.table();
        executeDeletes(connection, table, batch.deletedKeys());
        Map<List<String>, List<RowImage>> byColumns = new LinkedHashMap<>();
        for (RowImage row : batch.upserts()) {
            byColumns.computeIfAbsent(writableColumns(table, row), k -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<List<String>, List<RowImage>> group : byColumns.entrySet()) {
            executeUpserts(connection, table, group.getKey(), group.getValue());
        }
    }

    private void writeInOrder(Connection connection, TableBatch batch) throws SQLException {
        TargetTable table = batch.table();
        for (ChangeEvent event : batch.events()) {
            if (event.operation().writesRow()) {
                executeUpserts(connection, table, writableColumns(table, event.after()), List.of(event.after()));
            }
            else {
                executeDeletes(connection, table, List.of(batch.keyOf(event, event.before())));
            }
        }
    }

    private void executeDeletes(Connection connection, TargetTable table, List<RowKey> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(dialect.delete(table, table.primaryKey()))) {
            for (RowKey key : keys) {
                for (int i = 0; i < key.values().size(); i++) {
                    statement.setObject(i + 1, key.values().get(i), Types.OTHER);
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private void executeUpserts(Connection connection, TargetTable table, List<String> columns, List<RowImage> rows)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(dialect.upsert(table, columns))) {
            for (RowImage row : rows) {
                for (int i = 0; i < columns.size(); i++) {
                    String text = row.get(columns.get(i));
                    if (text == null) {
                        statement.setNull(i + 1, Types.OTHER);
                    }
                    else {
                        statement.setObject(i + 1, text, Types.OTHER);
                    }
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** The row's columns that the target takes: all present ones except stored generated columns. */
    private static List<String> writableColumns(TargetTable table, RowImage row) {
        List<String> columns = new ArrayList<>(row.columns().size());
        for (String column : row.columns()) {
            var target = table.column(column).orElseThrow(() -> new MissingTargetObjectException("Target table "
                    + table.id().quoted() + " has no column '" + column + "', which the source table has. Add the column on"
                    + " the target (same type as on the source), then restart the failed task."));
            if (!target.generated()) {
                columns.add(column);
            }
        }
        return columns;
    }

    /** The server's own error inside a JDBC batch failure. */
    static SQLException unwrap(SQLException e) {
        SQLException next = e.getNextException();
        return next != null ? next : e;
    }
}
