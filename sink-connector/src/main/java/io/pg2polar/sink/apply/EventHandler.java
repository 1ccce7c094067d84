package io.pg2polar.sink.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.pg2polar.sink.event.ChangeEvent;

/** Applies the events of one kind in the transaction of the loop that owns it. */
public interface EventHandler {

    /**
     * Applies {@code events.get(from)} together with the events right after it that go with it (a run of copy chunks).
     *
     * @param pending the batch's rows not written yet; a handler that touches a table writes that table's first
     * @return how many events it took, at least one
     */
    int apply(Connection connection, PendingRows pending, List<ChangeEvent> events, int from) throws SQLException;

    /** Applies one event on its own, as the source made it: the path of failure isolation. */
    void applyOne(Connection connection, ChangeEvent event) throws SQLException;
}
