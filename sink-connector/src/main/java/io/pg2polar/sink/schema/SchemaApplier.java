package io.pg2polar.sink.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.control.SchemaChange;
import io.pg2polar.common.schema.ColumnDefinition;
import io.pg2polar.common.schema.ConstraintDefinition;
import io.pg2polar.common.schema.IndexDefinition;
import io.pg2polar.common.schema.SequenceDefinition;
import io.pg2polar.common.schema.TableDefinition;
import io.pg2polar.common.schema.TypeDefinition;
import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.dialect.DdlStatements;
import io.pg2polar.sink.dialect.TargetDialect;
import io.pg2polar.sink.state.SnapshotAttempts;

/**
 * Makes the target's schema follow the source's: creates what a migrated table needs and the target lacks
 * (extensions, schema, types, sequences, partitioned parent, the table, its constraints, indexes and comments), checks a
 * table the user created beforehand, and follows renames, drops and other DDL. Idempotent: applying the same
 * change twice creates nothing twice.
 */
public final class SchemaApplier {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaApplier.class);

    private final TargetDialect dialect;
    private final DdlStatements statements;
    private final ConflictMode conflictMode;
    private final SnapshotAttempts snapshots;
    private final TableReconciler reconciler;
    private final RequiredExtensions extensions;
    private boolean holdBackForeignKeys;

    public SchemaApplier(TargetDialect dialect, ConflictMode conflictMode, SnapshotAttempts snapshots) {
        this.dialect = dialect;
        this.snapshots = snapshots;
        this.statements = dialect.ddl();
        this.conflictMode = conflictMode;
        this.reconciler = new TableReconciler(dialect, statements);
        this.extensions = new RequiredExtensions(dialect);
    }

    /** Foreign keys go to pg2polar.held_foreign_keys instead of the tables (no privilege to suspend them). */
    public void holdBackForeignKeys(boolean holdBack) {
        this.holdBackForeignKeys = holdBack;
    }

    public void apply(Connection connection, SchemaChange change) throws SQLException {
        TargetObjects objects = new TargetObjects(connection);
        if (change.isDrop()) {
            execute(connection, statements.dropTable(change.table()));
            LOG.info("Dropped {} as on the source: {}", change.table(), change.statement());
            return;
        }
        if (change.isRename()) {
            if (objects.tableExists(change.previous()) && !objects.tableExists(change.table())) {
                rename(connection, change.previous(), change.table(), change.lsn());
            } else {
                // The old name's topic is behind (or this is its copy of the rename): what it still holds belongs here
                recordRename(connection, change.previous(), change.table(), change.lsn());
            }
        }
        TableDefinition definition = change.definition();
        if (!objects.tableExists(definition.id())) {
            Optional<TableId> renamedTo = renamedAfter(connection, definition.id(), change.lsn());
            if (renamedTo.isPresent()) {
                LOG.info(
                        "Skipped a definition of {} from before the source renamed it to {} (its topic is behind the new name's)",
                        definition.id(),
                        renamedTo.get());
                return;
            }
            create(connection, definition);
        } else if (change.kind() == SchemaChange.Kind.SNAPSHOT) {
            checkExisting(connection, definition);
        } else {
            extensions.ensure(connection, definition);
            reconciler.reconcile(connection, change.previousDefinition(), definition, foreignKeys());
        }
    }

    private void create(Connection connection, TableDefinition definition) throws SQLException {
        extensions.ensure(connection, definition);
        TargetObjects objects = new TargetObjects(connection);
        if (definition.parent() != null
                && !objects.tableExists(definition.parent().id())) {
            create(connection, definition.parent());
        }
        execute(connection, statements.createSchema(definition.schema()));
        for (TypeDefinition type : definition.types()) {
            if (!objects.typeExists(type.schema(), type.name())) {
                execute(connection, statements.createSchema(type.schema()));
                execute(connection, statements.createType(type));
            }
        }
        for (SequenceDefinition sequence : definition.sequences()) {
            execute(connection, statements.createSchema(sequence.schema()));
            execute(connection, statements.createSequence(sequence));
        }
        execute(connection, statements.createTable(definition));
        for (SequenceDefinition sequence : definition.sequences()) {
            if (sequence.ownedBy() != null) {
                execute(connection, statements.sequenceOwnedBy(sequence, definition.id()));
            }
        }
        ForeignKeys foreignKeys = foreignKeys();
        for (ConstraintDefinition constraint : definition.constraints()) {
            if (constraint.isForeignKey()) {
                foreignKeys.add(connection, definition.id(), constraint);
            } else {
                execute(connection, statements.addConstraint(definition.id(), constraint));
            }
        }
        for (IndexDefinition index : definition.indexes()) {
            execute(connection, statements.createIndex(index));
        }
        comments(connection, definition);
        if (!"d".equals(definition.replicaIdentity()) && definition.replicaIdentity() != null) {
            execute(connection, statements.replicaIdentity(definition.id(), definition.replicaIdentity()));
        }
        foreignKeys.resolvePending(connection, definition.id());
        LOG.info(
                "Created {} on the target with {} columns, {} constraints, {} indexes",
                definition.id(),
                definition.columns().size(),
                definition.constraints().size(),
                definition.indexes().size());
    }

    private void comments(Connection connection, TableDefinition definition) throws SQLException {
        if (definition.comment() != null) {
            execute(connection, statements.commentOnTable(definition.id(), definition.comment()));
        }
        for (ColumnDefinition column : definition.columns()) {
            if (column.comment() != null && !column.inherited()) {
                execute(connection, statements.commentOnColumn(definition.id(), column.name(), column.comment()));
            }
        }
    }

    /** A table the user created beforehand (DTS's way) is checked, never overwritten. */
    private void checkExisting(Connection connection, TableDefinition definition) throws SQLException {
        TargetObjects objects = new TargetObjects(connection);
        List<String> differences = differences(definition, objects.columnTypes(definition.id()));
        boolean hasRows = objects.hasRows(definition.id());
        if (hasRows && snapshots.holdsRowsOfAFullLoad(connection, definition.id())) {
            // this migration's own full load, interrupted and starting over: the new snapshot's rows replace them
            LOG.info(
                    "Target table {} holds rows of this migration's earlier full load; the new full load replaces them",
                    definition.id());
            hasRows = false;
        }
        if (conflictMode == ConflictMode.IGNORE) {
            if (hasRows || !differences.isEmpty()) {
                LOG.warn(
                        "Target table {} already exists{}{}; conflict.mode = ignore, so it is left as it is",
                        definition.id(),
                        hasRows ? " with rows" : "",
                        differences.isEmpty() ? "" : " and differs: " + differences);
            }
            return;
        }
        if (!differences.isEmpty()) {
            throw new ConflictingTableException(
                    definition.id(),
                    "differs from the source table: " + String.join("; ", differences),
                    objects.tablesWithRows());
        }
        if (hasRows) {
            throw new ConflictingTableException(definition.id(), "already holds rows", objects.tablesWithRows());
        }
    }

    /** What a pre-created table lacks or has otherwise than the source: missing columns and other types. */
    private List<String> differences(TableDefinition definition, Map<String, String> targetColumns) {
        List<String> differences = new ArrayList<>();
        for (ColumnDefinition column : definition.columns()) {
            String targetType = targetColumns.get(column.name());
            if (targetType == null) {
                differences.add("no column " + Identifiers.quote(column.name()));
            } else if (!dialect.sameType(column.type(), column.typeName(), targetType)) {
                differences.add(
                        "column " + Identifiers.quote(column.name()) + " is " + targetType + ", not " + column.type());
            }
        }
        return differences;
    }

    /**
     * Where the table went when the source renamed it after {@code lsn}: a definition from before a rename that
     * has been applied already (the new name's topic overtook the old one's) is history, not a table to create.
     */
    private Optional<TableId> renamedAfter(Connection connection, TableId table, Long lsn) throws SQLException {
        if (lsn == null) {
            return Optional.empty();
        }
        try (PreparedStatement query =
                connection.prepareStatement(dialect.state().renamedLater())) {
            query.setString(1, table.schema());
            query.setString(2, table.table());
            query.setLong(3, lsn);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(new TableId(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /** Renames, and remembers the old name so rows still on their way under it find the table. */
    private void rename(Connection connection, TableId original, TableId to, Long lsn) throws SQLException {
        TableId from = original;
        if (!from.schema().equals(to.schema())) {
            execute(connection, statements.setSchema(from, to.schema()));
            from = new TableId(to.schema(), from.table());
        }
        if (!from.table().equals(to.table())) {
            execute(connection, statements.renameTable(from, to.table()));
        }
        recordRename(connection, original, to, lsn);
        LOG.info("Renamed {} to {} as on the source", original, to);
    }

    private void recordRename(Connection connection, TableId original, TableId to, Long lsn) throws SQLException {
        try (PreparedStatement record =
                connection.prepareStatement(dialect.state().recordRename())) {
            record.setString(1, original.schema());
            record.setString(2, original.table());
            record.setString(3, to.schema());
            record.setString(4, to.table());
            record.setObject(5, lsn, java.sql.Types.BIGINT);
            record.executeUpdate();
        }
    }

    private ForeignKeys foreignKeys() {
        return new ForeignKeys(statements, dialect.state(), holdBackForeignKeys);
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + " [statement: " + sql + "]", e.getSQLState(), e);
        }
    }
}
