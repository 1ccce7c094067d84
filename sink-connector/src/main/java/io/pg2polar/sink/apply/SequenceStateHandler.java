package io.pg2polar.sink.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.sequence.SequenceStates;

/** The source's sequence positions: the target's sequences move up to them (continuous resync). */
final class SequenceStateHandler implements EventHandler {

    private final SequenceStates states;

    SequenceStateHandler(SequenceStates states) {
        this.states = states;
    }

    @Override
    public int apply(Connection connection, PendingRows pending, List<ChangeEvent> events, int from)
            throws SQLException {
        applyOne(connection, events.get(from));
        return 1;
    }

    @Override
    public void applyOne(Connection connection, ChangeEvent event) throws SQLException {
        states.apply(connection, event);
    }
}
