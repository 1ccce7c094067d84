package io.pg2polar.sink.apply;

import java.sql.Connection;
import java.util.List;

import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.status.ApplyProgress;

/** A source heartbeat: writes nothing; the progress saved with the batch keeps the newest, which tells how far the target caught up. */
final class HeartbeatHandler implements EventHandler {

    private final ApplyProgress progress;

    HeartbeatHandler(ApplyProgress progress) {
        this.progress = progress;
    }

    @Override
    public int apply(Connection connection, PendingRows pending, List<ChangeEvent> events, int from) {
        progress.applied(events.get(from));
        return 1;
    }

    @Override
    public void applyOne(Connection connection, ChangeEvent event) {
        // nothing to write; failure isolation counts it as applied with the rest
    }
}
