package io.pg2polar.sink.write;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

import io.pg2polar.common.jdbc.SqlStates;
import io.pg2polar.sink.catalog.TargetCatalog;
import io.pg2polar.sink.catalog.TargetTable;
import io.pg2polar.sink.event.ChangeEvent;

/**
 * Finds which changes of a failed batch the target rejects: applies them one by one in source order, each
 * under a savepoint, keeping the ones that succeed. Used only after a batch failed for good, to name the
 * culprit or set it aside.
 */
public final class FailureIsolation {

    /** Tells whether a change must empty its table first (rows of a newer snapshot). */
    @FunctionalInterface
    public interface EmptiesTable {
        boolean test(Connection connection, ChangeEvent event) throws SQLException;
    }

    private final TargetCatalog catalog;
    private final TableChangesWriter writer;
    private final EmptiesTable emptiesTable;

    public FailureIsolation(TargetCatalog catalog, TableChangesWriter writer, EmptiesTable emptiesTable) {
        this.catalog = catalog;
        this.writer = writer;
        this.emptiesTable = emptiesTable;
    }

    /**
     * @param stopAtFirst stop at the first rejected change (nothing will be committed anyway)
     * @return the rejected changes; every other change is applied in the caller's transaction
     * @throws SQLException when the connection is lost meanwhile
     */
    public List<RejectedChange> apply(Connection connection, List<ChangeEvent> events, boolean stopAtFirst) throws SQLException {
        List<RejectedChange> rejected = new ArrayList<>();
        for (ChangeEvent event : events) {
            TargetTable table = catalog.table(connection, event.table());
            if (emptiesTable.test(connection, event)) {
                writer.truncate(connection, table);
            }
            Savepoint savepoint = connection.setSavepoint();
            try {
                writer.applyOne(connection, table, event);
                connection.releaseSavepoint(savepoint);
            }
            catch (SQLException e) {
                if (SqlStates.isConnectionLoss(e)) {
                    throw e;
                }
                connection.rollback(savepoint);
                rejected.add(new RejectedChange(event, table, e));
                if (stopAtFirst) {
                    break;
                }
            }
        }
        return rejected;
    }
}
