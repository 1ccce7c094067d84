package io.pg2polar.sink.event;

import org.apache.kafka.connect.sink.SinkRecord;

import io.pg2polar.common.sql.TableId;

/**
 * One change to one source table, decoded from a Debezium envelope.
 *
 * @param before the old row (key columns at least) for updates and deletes; null otherwise or when not sent
 * @param after  the new row for reads, inserts and updates; null otherwise
 * @param origin the Kafka record it came from, for error reports
 */
public record ChangeEvent(TableId table, Operation operation, RowImage before, RowImage after, SinkRecord origin) {

    /**
     * The WAL position of the snapshot a snapshot row comes from, or null for streamed changes. A snapshot that
     * was interrupted starts over at a new position, and rows deleted on the source meanwhile are in no later
     * event: a table whose rows come from a new snapshot must be emptied first.
     */
    public Long snapshotPosition() {
        return operation == Operation.READ ? SnapshotMarker.snapshotPosition(origin) : null;
    }

    /** Where the event came from, for messages: {@code topic[partition]@offset}. */
    public String position() {
        return origin.topic() + '[' + origin.kafkaPartition() + "]@" + origin.kafkaOffset();
    }
}
