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

import io.pg2polar.common.control.CopyChunk;
import io.pg2polar.common.jdbc.SqlStates;
import io.pg2polar.sink.catalog.MissingTargetObjectException;
import io.pg2polar.sink.catalog.TargetColumn;
import io.pg2polar.sink.catalog.TargetTable;
import io.pg2polar.sink.dialect.TargetDialect;
import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.event.Operation;
import io.pg2polar.sink.event.RowImage;

/**
 * Writes one table's changes inside the caller's transaction. Keyed tables: deletes first, then upserts
 * grouped by column set as JDBC batches, snapshot rows by COPY. If a unique constraint other than the key
 * rejects the reduced batch (two rows swapping a unique value), or COPY meets rows already there (a snapshot
 * replayed), the work is rolled back to a savepoint and done the slower, always-valid way.
 */
public final class TableChangesWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TableChangesWriter.class);
    /** SQLSTATE of "cannot truncate a table referenced in a foreign key constraint". */
    private static final String FEATURE_NOT_SUPPORTED = "0A000";

    private final TargetDialect dialect;
    private final boolean keepExistingRows;
    private final DeferredIndexes deferredIndexes;

    /**
     * @param keepExistingRows snapshot rows never overwrite a target row with the same key (conflict.mode = ignore)
     * @param deferredIndexes  builds a table's indexes after its full load
     */
    public TableChangesWriter(TargetDialect dialect, boolean keepExistingRows, DeferredIndexes deferredIndexes) {
        this.dialect = dialect;
        this.keepExistingRows = keepExistingRows;
        this.deferredIndexes = deferredIndexes;
    }

    /** Whether the table holds any row. */
    public boolean hasRows(Connection connection, TargetTable table) throws SQLException {
        try (Statement statement = connection.createStatement();
                java.sql.ResultSet rs = statement.executeQuery(dialect.anyRow(table.id()))) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Drops the indexes of an emptied table about to receive many chunks of snapshot rows ({@link DeferredIndexes}). */
    public void deferIndexes(Connection connection, TargetTable table) throws SQLException {
        deferredIndexes.dropBeforeLoad(connection, table.id());
    }

    /** Re-creates the indexes deferred for the table's full load; true when there were any. */
    public boolean restoreIndexes(Connection connection, TargetTable table) throws SQLException {
        return deferredIndexes.restoreAfterLoad(connection, table.id());
    }

    public void write(Connection connection, TableChanges changes) throws SQLException {
        if (changes instanceof KeyedTableChanges keyed) {
            writeKeyed(connection, keyed);
        } else {
            writeInOrder(connection, changes.table(), changes.events());
        }
    }

    /** Applies a single change, as the source made it: the ordered path, and failure isolation. */
    public void applyOne(Connection connection, TargetTable table, ChangeEvent event) throws SQLException {
        writeInOrder(connection, table, List.of(event));
    }

    /**
     * Applies changes one statement each, in the source's order (tables without a key: each update or delete
     * touches one matching row). Consecutive changes of the same statement go to the target as one JDBC batch, in
     * one round trip: an insert-only keyless table (a log, pgbench's history) used to cost a round trip per row.
     */
    private void writeInOrder(Connection connection, TargetTable table, List<ChangeEvent> events) throws SQLException {
        String batchSql = null;
        List<List<String>> batch = new ArrayList<>();
        for (ChangeEvent event : events) {
            if (event.operation() == Operation.TRUNCATE) {
                executeIfAny(connection, batchSql, batch);
                batchSql = null;
                truncate(connection, table);
                continue;
            }
            Bound change = bind(table, event);
            if (!change.sql().equals(batchSql)) {
                executeIfAny(connection, batchSql, batch);
                batchSql = change.sql();
            }
            batch.add(change.parameters());
        }
        executeIfAny(connection, batchSql, batch);
    }

    private static void executeIfAny(Connection connection, String sql, List<List<String>> batch) throws SQLException {
        if (sql != null && !batch.isEmpty()) {
            execute(connection, sql, batch);
        }
        batch.clear();
    }

    /** The statement applying one change as the source made it, with its parameters. */
    private Bound bind(TargetTable table, ChangeEvent event) {
        if (event.operation() == Operation.DELETE) {
            List<String> match =
                    table.primaryKey().isEmpty() ? matchColumns(table, event.before()) : table.primaryKey();
            String sql =
                    table.primaryKey().isEmpty() ? dialect.deleteOneMatching(table, match) : dialect.deleteByKey(table);
            return new Bound(sql, values(event.before(), match));
        }
        List<String> columns = writableColumns(table, event.after());
        if (!table.primaryKey().isEmpty()) {
            String sql = keepExistingRows && event.operation() == Operation.READ
                    ? dialect.insertIfAbsent(table, columns)
                    : dialect.upsert(table, columns);
            return new Bound(sql, values(event.after(), columns));
        }
        if (event.operation() == Operation.UPDATE) {
            List<String> set = settableColumns(table, columns);
            List<String> match = matchColumns(table, event.before());
            List<String> parameters = new ArrayList<>(values(event.after(), set));
            parameters.addAll(values(event.before(), match));
            return new Bound(dialect.updateOneMatching(table, set, match), parameters);
        }
        return new Bound(dialect.insert(table, columns), values(event.after(), columns));
    }

    /** A statement and the parameters of one execution. */
    private record Bound(String sql, List<String> parameters) {}

    /** An identity ALWAYS column can only be updated to DEFAULT; it keeps the value its insert gave it. */
    private List<String> settableColumns(TargetTable table, List<String> columns) {
        return columns.stream()
                .filter(c -> !targetColumn(table, c).identityAlways())
                .toList();
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
        } catch (SQLException e) {
            if (!FEATURE_NOT_SUPPORTED.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(savepoint);
            try (Statement statement = connection.createStatement()) {
                statement.execute(dialect.deleteAll(table.id()));
            }
        }
    }

    private void writeKeyed(Connection connection, KeyedTableChanges changes) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            writeReduced(connection, changes);
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            if (!SqlStates.UNIQUE_VIOLATION.equals(SqlStates.of(serverError(e)))) {
                throw e;
            }
            LOG.info(
                    "Reduced batch for {} hit a unique constraint ({}); replaying its {} changes in order",
                    changes.table().id(),
                    serverError(e).getMessage(),
                    changes.events().size());
            connection.rollback(savepoint);
            for (ChangeEvent event : changes.events()) {
                applyOne(connection, changes.table(), event);
            }
        }
    }

    private void writeReduced(Connection connection, KeyedTableChanges changes) throws SQLException {
        TargetTable table = changes.table();
        List<List<String>> deletes =
                changes.deletedKeys().stream().map(RowKey::values).toList();
        if (!deletes.isEmpty()) {
            execute(connection, dialect.deleteByKey(table), deletes);
        }
        Map<List<String>, List<RowImage>> byColumns = new LinkedHashMap<>();
        for (RowImage row : changes.upserts()) {
            byColumns
                    .computeIfAbsent(writableColumns(table, row), k -> new ArrayList<>())
                    .add(row);
        }
        boolean bulk = changes.onlySnapshotReads();
        for (Map.Entry<List<String>, List<RowImage>> group : byColumns.entrySet()) {
            if (bulk) {
                copyOrUpsert(connection, table, group.getKey(), group.getValue());
            } else {
                upsert(connection, table, group.getKey(), group.getValue());
            }
        }
        Map<List<String>, List<RowImage>> updatesByColumns = new LinkedHashMap<>();
        for (RowImage row : changes.updatesOnly()) {
            updatesByColumns
                    .computeIfAbsent(
                            settableColumns(table, writableColumns(table, row)).stream()
                                    .filter(c -> !table.primaryKey().contains(c))
                                    .toList(),
                            k -> new ArrayList<>())
                    .add(row);
        }
        for (Map.Entry<List<String>, List<RowImage>> group : updatesByColumns.entrySet()) {
            if (!group.getKey().isEmpty()) {
                List<String> bound = new ArrayList<>(group.getKey());
                bound.addAll(table.primaryKey());
                execute(
                        connection,
                        dialect.updateByKey(table, group.getKey()),
                        group.getValue().stream().map(r -> values(r, bound)).toList());
            }
        }
    }

    /**
     * COPY is several times faster than upserts, but fails if a row is there already (a replayed snapshot, or a
     * target that held rows): then the rows are upserted, or with conflict.mode = ignore inserted where absent.
     */
    private void copyOrUpsert(Connection connection, TargetTable table, List<String> columns, List<RowImage> rows)
            throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            CopyLoader.copy(connection, dialect.copyIn(table, columns), columns, rows);
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            if (!SqlStates.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(savepoint);
            List<List<String>> parameters = new ArrayList<>(rows.size());
            for (RowImage row : rows) {
                parameters.add(values(row, columns));
            }
            execute(
                    connection,
                    keepExistingRows ? dialect.insertIfAbsent(table, columns) : dialect.upsert(table, columns),
                    parameters);
        }
    }

    /**
     * Loads consecutive chunks of one table's snapshot, all of the same columns, as the source's COPY wrote them,
     * in one COPY: a statement per chunk cost the target about a sixth more in a 2 M-row load of 371 chunks. Where
     * rows are there already (a target that held rows, conflict.mode = ignore), the chunks' rows are upserted, or
     * inserted where absent, instead, a chunk at a time.
     */
    public void copy(Connection connection, TargetTable table, List<CopyChunk> chunks) throws SQLException {
        List<CopyChunk> withRows =
                chunks.stream().filter(chunk -> chunk.rows() > 0).toList();
        if (withRows.isEmpty()) {
            return;
        }
        List<String> columns = withRows.get(0).columns();
        Savepoint savepoint = connection.setSavepoint();
        try {
            CopyLoader.copy(
                    connection,
                    dialect.copyIn(table, columns),
                    withRows.stream().map(CopyChunk::data).toList());
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            if (!SqlStates.UNIQUE_VIOLATION.equals(e.getSQLState())
                    || (table.primaryKey().isEmpty() && !keepExistingRows)) {
                throw e;
            }
            connection.rollback(savepoint);
            copyThroughStaging(connection, table, columns, withRows);
        }
    }

    /**
     * Loads chunks over rows already there (changes streamed during the full load inserted rows of the chunk's range, a
     * target that held rows, conflict.mode = ignore): COPY into a temporary table, then one upsert from it (or an insert
     * where absent), set-based rather than a statement per row.
     */
    private void copyThroughStaging(
            Connection connection, TargetTable table, List<String> columns, List<CopyChunk> chunks)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(dialect.createStaging(table));
            CopyLoader.copy(
                    connection,
                    dialect.copyIntoStaging(columns),
                    chunks.stream().map(CopyChunk::data).toList());
            statement.execute(dialect.upsertFromStaging(table, columns, keepExistingRows));
            statement.execute(dialect.dropStaging());
        }
    }

    private void upsert(Connection connection, TargetTable table, List<String> columns, List<RowImage> rows)
            throws SQLException {
        List<List<String>> parameters = new ArrayList<>(rows.size());
        for (RowImage row : rows) {
            parameters.add(values(row, columns));
        }
        execute(connection, dialect.upsert(table, columns), parameters);
    }

    /** Runs one statement once per parameter list, as one JDBC batch; every parameter is untyped text. */
    private static void execute(Connection connection, String sql, List<List<String>> parameterLists)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (List<String> parameters : parameterLists) {
                for (int i = 0; i < parameters.size(); i++) {
                    String text = parameters.get(i);
                    if (text == null) {
                        statement.setNull(i + 1, Types.OTHER);
                    } else {
                        statement.setObject(i + 1, text, Types.OTHER);
                    }
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static List<String> values(RowImage row, List<String> columns) {
        List<String> values = new ArrayList<>(columns.size());
        for (String column : columns) {
            values.add(row.get(column));
        }
        return values;
    }

    /** The row's columns that the target takes: all present ones except stored generated columns. */
    private static List<String> writableColumns(TargetTable table, RowImage row) {
        List<String> columns = new ArrayList<>(row.columns().size());
        for (String column : row.columns()) {
            if (!targetColumn(table, column).generated()) {
                columns.add(column);
            }
        }
        return columns;
    }

    /** The old image's columns that identify a row of a table without a key. */
    private static List<String> matchColumns(TargetTable table, RowImage before) {
        return writableColumns(table, before);
    }

    private static TargetColumn targetColumn(TargetTable table, String column) {
        return table.column(column)
                .orElseThrow(() -> new MissingTargetObjectException(
                        "Target table " + table.id().quoted()
                                + " has no column '" + column
                                + "', which the source table has. Add the column on the target (same type as on"
                                + " the source), then restart the failed task."));
    }

    /** The server's own error inside a JDBC batch failure. */
    public static SQLException serverError(SQLException e) {
        SQLException next = e.getNextException();
        return next != null ? next : e;
    }
}
