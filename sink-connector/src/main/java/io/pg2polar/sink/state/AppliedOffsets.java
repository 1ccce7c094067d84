package io.pg2polar.sink.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

import io.pg2polar.sink.dialect.StateStatements;

/**
 * The Kafka offsets whose changes are committed on the target, kept in {@code pg2polar.applied_offsets} and
 * written in the same transaction as the rows. After a crash the sink resumes from there, and records it
 * already applied are skipped even when Kafka redelivers them, so a replay changes nothing - tables without a
 * primary key included.
 */
public final class AppliedOffsets {

    private final StateStatements state;
    private final String connector;
    /** Next offset to apply per partition, known from the target; absent = not loaded yet. */
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();

    public AppliedOffsets(StateStatements state, String connector) {
        this.state = state;
        this.connector = connector;
    }

    /** Reads the stored offsets of partitions not known yet; returns every known one among {@code partitions}. */
    public Map<TopicPartition, Long> load(Connection connection, Collection<TopicPartition> partitions)
            throws SQLException {
        Map<TopicPartition, Long> known = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(state.loadOffset())) {
            for (TopicPartition partition : partitions) {
                if (!nextOffsets.containsKey(partition)) {
                    statement.setString(1, connector);
                    statement.setString(2, partition.topic());
                    statement.setInt(3, partition.partition());
                    try (ResultSet rs = statement.executeQuery()) {
                        nextOffsets.put(partition, rs.next() ? rs.getLong(1) : -1L);
                    }
                }
                long next = nextOffsets.get(partition);
                if (next >= 0) {
                    known.put(partition, next);
                }
            }
        }
        connection.commit();
        return known;
    }

    /** Whether the partition's stored offset has been read. */
    public boolean isLoaded(TopicPartition partition) {
        return nextOffsets.containsKey(partition);
    }

    /** True when the target already holds the effect of this record. */
    public boolean isApplied(SinkRecord record) {
        Long next = nextOffsets.get(partitionOf(record));
        return next != null && record.originalKafkaOffset() < next;
    }

    /** Writes the offsets following {@code records}, inside the caller's transaction. */
    public Map<TopicPartition, Long> save(Connection connection, Collection<SinkRecord> records) throws SQLException {
        Map<TopicPartition, Long> following = new LinkedHashMap<>();
        for (SinkRecord record : records) {
            following.merge(partitionOf(record), record.originalKafkaOffset() + 1, Math::max);
        }
        try (PreparedStatement statement = connection.prepareStatement(state.saveOffset())) {
            for (Map.Entry<TopicPartition, Long> entry : following.entrySet()) {
                statement.setString(1, connector);
                statement.setString(2, entry.getKey().topic());
                statement.setInt(3, entry.getKey().partition());
                statement.setLong(4, entry.getValue());
                statement.addBatch();
            }
            statement.executeBatch();
        }
        return following;
    }

    /** Records what {@link #save} wrote, once its transaction committed. */
    public void committed(Map<TopicPartition, Long> saved) {
        nextOffsets.putAll(saved);
    }

    /** The committed next offsets of the given partitions, for Connect's own offset commit. */
    public Map<TopicPartition, Long> committedFor(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> result = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Long next = nextOffsets.get(partition);
            if (next != null && next >= 0) {
                result.put(partition, next);
            }
        }
        return result;
    }

    /** Forgets partitions this task no longer owns; their offsets are read again if they come back. */
    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(nextOffsets::remove);
    }

    public static TopicPartition partitionOf(SinkRecord record) {
        return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    }
}
