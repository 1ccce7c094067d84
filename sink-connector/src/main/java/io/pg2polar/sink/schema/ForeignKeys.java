package io.pg2polar.sink.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.pg2polar.common.schema.ConstraintDefinition;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.dialect.DdlStatements;
import io.pg2polar.sink.dialect.StateStatements;

/**
 * Creates the source's foreign keys on the target without ever rejecting a row: {@code NOT VALID}, so rows
 * applied before the rows they reference stay, and only once the referenced table exists (until then they wait
 * in {@code pg2polar.pending_foreign_keys}). Keys that were valid on the source are listed in
 * {@code pg2polar.unvalidated_foreign_keys}; {@code pg2polar.restore_foreign_keys()} validates them at cutover.
 * When foreign keys are held back (no privilege to suspend them per session), they go to
 * {@code pg2polar.held_foreign_keys} instead and are created only by that call.
 */
final class ForeignKeys {

    private final DdlStatements statements;
    private final StateStatements state;
    private final boolean holdBack;

    ForeignKeys(DdlStatements statements, StateStatements state, boolean holdBack) {
        this.state = state;
        this.statements = statements;
        this.holdBack = holdBack;
    }

    void add(Connection connection, TableId table, ConstraintDefinition key) throws SQLException {
        TargetObjects objects = new TargetObjects(connection);
        if (objects.constraintExists(table, key.name())) {
            return;
        }
        if (holdBack) {
            record(connection, false, table, key);
            return;
        }
        TableId referenced = new TableId(key.referencedSchema(), key.referencedTable());
        if (!objects.tableExists(referenced)) {
            record(connection, true, table, key);
            return;
        }
        create(connection, table, key.name(), key.definition(), key.validated());
    }

    /** Creates the pending keys that reference a table the target has just gained. */
    void resolvePending(Connection connection, TableId created) throws SQLException {
        List<String[]> ready = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(state.pendingReferencing())) {
            statement.setString(1, created.schema());
            statement.setString(2, created.table());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ready.add(new String[] {
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)
                    });
                }
            }
        }
        for (String[] key : ready) {
            TableId table = new TableId(key[0], key[1]);
            if (new TargetObjects(connection).tableExists(table)) {
                create(connection, table, key[2], key[3], "t".equals(key[4]));
                try (PreparedStatement delete = connection.prepareStatement(state.forgetPending())) {
                    delete.setString(1, key[0]);
                    delete.setString(2, key[1]);
                    delete.setString(3, key[2]);
                    delete.executeUpdate();
                }
            }
        }
    }

    private void create(Connection connection, TableId table, String name, String definition, boolean validateLater)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(statements.addConstraint(
                    table, new ConstraintDefinition(name, "f", definition, false, null, null)));
        }
        if (validateLater) {
            try (PreparedStatement remember = connection.prepareStatement(state.recordUnvalidated())) {
                remember.setString(1, table.schema());
                remember.setString(2, table.table());
                remember.setString(3, name);
                remember.executeUpdate();
            }
        }
    }

    private void record(Connection connection, boolean pending, TableId table, ConstraintDefinition key)
            throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement(pending ? state.recordPendingForeignKey() : state.recordHeldForeignKey())) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            statement.setString(3, key.name());
            statement.setString(4, key.definition());
            statement.setBoolean(5, key.validated());
            if (pending) {
                statement.setString(6, key.referencedSchema());
                statement.setString(7, key.referencedTable());
            }
            statement.executeUpdate();
        }
    }
}
