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

    /** Applies one change on its own. */
    @FunctionalInterface
    public interface SingleChange {
        void apply(Connection connection, ChangeEvent event) throws SQLException;
    }

    private final TargetCatalog catalog;
    private final SingleChange single;

    public FailureIsolation(TargetCatalog catalog, SingleChange single) {
        this.catalog = catalog;
        this.single = single;
    }

    /**
     * @param stopAtFirst stop at the first rejected change (nothing will be committed anyway)
     * @return the rejected changes; every other change is applied in the caller's transaction
     * @throws SQLException when the connection is lost meanwhile
     */
    public List<RejectedChange> apply(Connection connection, List<ChangeEvent> events, boolean stopAtFirst)
            throws SQLException {
        List<RejectedChange> rejected = new ArrayList<>();
        for (ChangeEvent event : events) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                single.apply(connection, event);
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                if (SqlStates.isConnectionLoss(e)) {
                    throw e;
                }
                connection.rollback(savepoint);
                TargetTable table = event.operation().changesRows() ? catalog.table(connection, event.table()) : null;
                rejected.add(new RejectedChange(event, table, e));
                if (stopAtFirst) {
                    break;
                }
            }
        }
        return rejected;
    }
}
