package io.pg2polar.sink.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.control.ControlEvents;
import io.pg2polar.common.control.SchemaChange;
import io.pg2polar.sink.dialect.StateStatements;
import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.event.Operation;
import io.pg2polar.sink.state.AppliedOffsets;

/**
 * Keeps a renamed table's rows in source order across its two topics. The source puts a copy of the rename at the
 * end of the old name's topic and at the start of the new name's; the two topics are read independently, so the
 * new name's copy (and every row after it) is held back until the old name's copy has been applied, up to
 * {@code rename.wait.ms}. Past that (the old name's topic is not read by this sink, say) the rename is applied from
 * the new name's topic and the old name's late rows follow the renamed table.
 */
public final class RenameOrder {

    private static final Logger LOG = LoggerFactory.getLogger(RenameOrder.class);

    private final StateStatements state;
    private final Duration wait;
    private final Clock clock;
    private final Map<TopicPartition, Waiting> waiting = new HashMap<>();

    public RenameOrder(StateStatements state, Duration wait, Clock clock) {
        this.state = state;
        this.wait = wait;
        this.clock = clock;
    }

    /**
     * The partitions to hold back, each with the offset of the rename it waits at; their events from that offset
     * on must not be applied now, and the partition is read again from there.
     */
    public Map<TopicPartition, Long> heldBack(Connection connection, List<ChangeEvent> events) throws SQLException {
        Map<TopicPartition, Long> held = new LinkedHashMap<>();
        for (ChangeEvent event : events) {
            TopicPartition partition = AppliedOffsets.partitionOf(event.origin());
            if (!held.containsKey(partition) && isNewNamesCopy(event) && mustWait(connection, partition, event)) {
                held.put(partition, event.origin().kafkaOffset());
            }
        }
        return held;
    }

    /** Whether a record of {@code partition} at {@code offset} comes at or after the rename its partition waits at. */
    public static boolean isHeld(Map<TopicPartition, Long> held, TopicPartition partition, long offset) {
        Long from = held.get(partition);
        return from != null && offset >= from;
    }

    private boolean mustWait(Connection connection, TopicPartition partition, ChangeEvent event) throws SQLException {
        SchemaChange change = event.schemaChange();
        long offset = event.origin().kafkaOffset();
        if (change.lsn() == null || oldCopyApplied(connection, change)) {
            waiting.remove(partition);
            return false;
        }
        Instant now = clock.instant();
        Waiting since = waiting.get(partition);
        if (since == null || since.offset() != offset) {
            waiting.put(partition, new Waiting(offset, now));
            LOG.info(
                    "Holding {} at the rename of {} to {} until the old name's topic has reached it (at most {} s)",
                    partition,
                    change.previous(),
                    change.table(),
                    wait.toSeconds());
            return true;
        }
        if (Duration.between(since.from(), now).compareTo(wait) < 0) {
            return true;
        }
        waiting.remove(partition);
        LOG.warn(
                "The old name's copy of the rename of {} to {} did not arrive within {} s (is its topic read by this sink?);"
                        + " applying the rename from {}. Rows still in the old name's topic will follow the renamed table.",
                change.previous(),
                change.table(),
                wait.toSeconds(),
                partition);
        return false;
    }

    private static boolean isNewNamesCopy(ChangeEvent event) {
        if (event.operation() != Operation.SCHEMA_CHANGE
                || !event.schemaChange().isRename()) {
            return false;
        }
        Header copy = event.origin().headers().lastWithName(ControlEvents.RENAME_COPY_HEADER);
        return copy != null && ControlEvents.NEW_NAME_COPY.equals(String.valueOf(copy.value()));
    }

    private boolean oldCopyApplied(Connection connection, SchemaChange change) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(state.oldCopyApplied())) {
            query.setString(1, change.previous().schema());
            query.setString(2, change.previous().table());
            query.setString(3, change.table().schema());
            query.setString(4, change.table().table());
            query.setLong(5, change.lsn());
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    private record Waiting(long offset, Instant from) {}
}
