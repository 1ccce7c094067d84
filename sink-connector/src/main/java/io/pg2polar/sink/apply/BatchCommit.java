package io.pg2polar.sink.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

import io.pg2polar.sink.jdbc.TargetSession;
import io.pg2polar.sink.retry.RetryWindows;
import io.pg2polar.sink.state.AppliedOffsets;
import io.pg2polar.sink.state.SnapshotAttempts;
import io.pg2polar.sink.status.ApplyProgress;

/**
 * Ends a batch's transaction: a commit makes its rows, offsets and progress durable at once; after a failure,
 * what the task remembered of the rolled-back transaction is forgotten.
 */
public final class BatchCommit {

    private final TargetSession session;
    private final AppliedOffsets offsets;
    private final ApplyProgress progress;
    private final SnapshotAttempts snapshots;
    private final RetryWindows retries;

    public BatchCommit(
            TargetSession session,
            AppliedOffsets offsets,
            ApplyProgress progress,
            SnapshotAttempts snapshots,
            RetryWindows retries) {
        this.session = session;
        this.offsets = offsets;
        this.progress = progress;
        this.snapshots = snapshots;
        this.retries = retries;
    }

    public void commit(Connection connection, Collection<SinkRecord> records) throws SQLException {
        Map<TopicPartition, Long> saved = offsets.save(connection, records);
        progress.save(connection);
        connection.commit();
        offsets.committed(saved);
        progress.committed();
        retries.succeeded();
    }

    /** After a failure: the session recovers (rolls back, or is replaced when lost) and what the transaction recorded is forgotten. */
    public void abandon(Exception failure) {
        session.recover(failure);
        snapshots.clear();
        progress.discard();
    }
}
