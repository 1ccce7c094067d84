package io.pg2polar.sink.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.pg2polar.common.schema.ColumnDefinition;
import io.pg2polar.common.schema.ConstraintDefinition;
import io.pg2polar.common.schema.IndexDefinition;
import io.pg2polar.common.schema.TableDefinition;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.dialect.DdlStatements;
import io.pg2polar.sink.dialect.TargetDialect;

/**
 * Brings an existing target table in line with the source table's definition after captured DDL. Column
 * numbers in the previous and new definitions tell a renamed column from a dropped and an added one; only what
 * the source had and changed is altered, so columns and indexes that exist only on the target stay.
 * Example: previous {1 id, 2 qty}, new {1 id, 2 quantity, 3 note} gives RENAME qty TO quantity, ADD note.
 */
final class TableReconciler {

    private final TargetDialect dialect;
    private final DdlStatements statements;

    TableReconciler(TargetDialect dialect, DdlStatements statements) {
        this.dialect = dialect;
        this.statements = statements;
    }

    void reconcile(Connection connection, TableDefinition previous, TableDefinition current, ForeignKeys foreignKeys)
            throws SQLException {
        TableId table = current.id();
        reconcileColumns(connection, previous, current);
        reconcileConstraints(connection, previous, current, foreignKeys);
        reconcileIndexes(connection, previous, current);
        if (previous == null || !Objects.equals(previous.comment(), current.comment())) {
            SchemaApplier.execute(connection, statements.commentOnTable(table, current.comment()));
        }
        if (previous == null || !Objects.equals(previous.replicaIdentity(), current.replicaIdentity())) {
            SchemaApplier.execute(connection, statements.replicaIdentity(table, current.replicaIdentity()));
        }
    }

    private void reconcileColumns(Connection connection, TableDefinition previous, TableDefinition current)
            throws SQLException {
        TableId table = current.id();
        Map<String, TargetColumnState> target = targetColumns(connection, table);
        for (ColumnDefinition column : current.columns()) {
            if (column.inherited()) {
                continue;
            }
            Optional<ColumnDefinition> before =
                    previous == null ? Optional.empty() : previous.columnByAttnum(column.attnum());
            if (before.isPresent()
                    && !before.get().name().equals(column.name())
                    && target.containsKey(before.get().name())
                    && !target.containsKey(column.name())) {
                SchemaApplier.execute(
                        connection, statements.renameColumn(table, before.get().name(), column.name()));
                target.put(column.name(), target.remove(before.get().name()));
            }
            TargetColumnState state = target.get(column.name());
            if (state == null) {
                SchemaApplier.execute(connection, statements.addColumn(table, column));
                continue;
            }
            if (!dialect.sameType(column.type(), column.typeName(), state.type())) {
                SchemaApplier.execute(connection, statements.alterColumnType(table, column));
            }
            if (before.isPresent()
                    && !Objects.equals(before.get().default_(), column.default_())
                    && column.generated() == null
                    && column.identity() == null) {
                SchemaApplier.execute(connection, statements.alterColumnDefault(table, column));
            }
            if (column.notNull() != state.notNull() && column.identity() == null) {
                SchemaApplier.execute(connection, statements.alterColumnNotNull(table, column));
            }
            if (before.isPresent() && !Objects.equals(before.get().comment(), column.comment())) {
                SchemaApplier.execute(connection, statements.commentOnColumn(table, column.name(), column.comment()));
            }
        }
        if (previous != null) {
            for (ColumnDefinition gone : previous.columns()) {
                if (current.columnByAttnum(gone.attnum()).isEmpty()
                        && target.containsKey(gone.name())
                        && !gone.inherited()) {
                    SchemaApplier.execute(connection, statements.dropColumn(table, gone.name()));
                }
            }
        }
    }

    private void reconcileConstraints(
            Connection connection, TableDefinition previous, TableDefinition current, ForeignKeys foreignKeys)
            throws SQLException {
        TableId table = current.id();
        TargetObjects objects = new TargetObjects(connection);
        Set<String> currentNames = new HashSet<>();
        for (ConstraintDefinition constraint : current.constraints()) {
            currentNames.add(constraint.name());
            Optional<ConstraintDefinition> before = previous == null
                    ? Optional.empty()
                    : previous.constraints().stream()
                            .filter(c -> c.name().equals(constraint.name()))
                            .findFirst();
            boolean changed = before.isPresent() && !before.get().definition().equals(constraint.definition());
            if (changed) {
                SchemaApplier.execute(connection, statements.dropConstraint(table, constraint.name()));
            }
            if (changed || !objects.constraintExists(table, constraint.name())) {
                if (constraint.isForeignKey()) {
                    foreignKeys.add(connection, table, constraint);
                } else {
                    SchemaApplier.execute(connection, statements.addConstraint(table, constraint));
                }
            }
        }
        if (previous != null) {
            for (ConstraintDefinition gone : previous.constraints()) {
                if (!currentNames.contains(gone.name())) {
                    SchemaApplier.execute(connection, statements.dropConstraint(table, gone.name()));
                }
            }
        }
    }

    private void reconcileIndexes(Connection connection, TableDefinition previous, TableDefinition current)
            throws SQLException {
        TargetObjects objects = new TargetObjects(connection);
        Set<String> currentNames = new HashSet<>();
        for (IndexDefinition index : current.indexes()) {
            currentNames.add(index.name());
            Optional<IndexDefinition> before = previous == null
                    ? Optional.empty()
                    : previous.indexes().stream()
                            .filter(i -> i.name().equals(index.name()))
                            .findFirst();
            boolean changed = before.isPresent() && !before.get().definition().equals(index.definition());
            if (changed) {
                SchemaApplier.execute(connection, statements.dropIndexIfExists(current.schema(), index.name()));
            }
            if (changed || !objects.indexExists(current.schema(), index.name())) {
                SchemaApplier.execute(connection, statements.createIndex(index));
            }
        }
        if (previous != null) {
            for (IndexDefinition gone : previous.indexes()) {
                if (!currentNames.contains(gone.name())) {
                    SchemaApplier.execute(connection, statements.dropIndexIfExists(current.schema(), gone.name()));
                }
            }
        }
    }

    /** A target column's type and nullability. */
    private record TargetColumnState(String type, boolean notNull) {}

    private static Map<String, TargetColumnState> targetColumns(Connection connection, TableId table)
            throws SQLException {
        Map<String, TargetColumnState> columns = new LinkedHashMap<>();
        new TargetObjects(connection)
                .columns(table)
                .forEach((name, state) -> columns.put(name, new TargetColumnState(state[0], "t".equals(state[1]))));
        return columns;
    }
}
