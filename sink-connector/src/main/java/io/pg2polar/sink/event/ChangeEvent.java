package io.pg2polar.sink.event;

import org.apache.kafka.connect.sink.SinkRecord;

import io.pg2polar.common.control.CopyChunk;
import io.pg2polar.common.control.Heartbeat;
import io.pg2polar.common.control.SchemaChange;
import io.pg2polar.common.control.SequenceState;
import io.pg2polar.common.sql.TableId;

/**
 * One change to one source table, decoded from a Debezium envelope.
 *
 * @param before the old row (key columns at least) for updates and deletes; null otherwise or when not sent
 * @param after  the new row for reads, inserts and updates; null otherwise
 * @param origin the Kafka record it came from, for error reports
 * @param schemaChange for {@link Operation#SCHEMA_CHANGE}, the table's new definition; else null
 * @param sequences    for {@link Operation#SEQUENCE_STATE}, the source's sequence positions; else null
 * @param chunk        for {@link Operation#COPY_CHUNK}, the snapshot rows under target names; else null
 */
public record ChangeEvent(
        TableId table,
        Operation operation,
        RowImage before,
        RowImage after,
        SinkRecord origin,
        SchemaChange schemaChange,
        SequenceState sequences,
        Heartbeat heartbeat,
        CopyChunk chunk) {

    /** Where sequence positions are filed: they belong to no table. */
    public static final TableId SEQUENCES = new TableId("pg2polar", "sequences");

    /** Where heartbeats are filed: they belong to no table. */
    public static final TableId HEARTBEATS = new TableId("pg2polar", "heartbeat");

    /** A row change. */
    public ChangeEvent(TableId table, Operation operation, RowImage before, RowImage after, SinkRecord origin) {
        this(table, operation, before, after, origin, null, null, null, null);
    }

    /** A schema change to the table it names. */
    public static ChangeEvent of(SchemaChange change, SinkRecord origin) {
        return new ChangeEvent(change.table(), Operation.SCHEMA_CHANGE, null, null, origin, change, null, null, null);
    }

    /** The source's sequence positions. */
    public static ChangeEvent of(SequenceState state, SinkRecord origin) {
        return new ChangeEvent(SEQUENCES, Operation.SEQUENCE_STATE, null, null, origin, null, state, null, null);
    }

    /** Snapshot rows in COPY text format, under target names. */
    public static ChangeEvent of(CopyChunk chunk, SinkRecord origin) {
        return new ChangeEvent(chunk.table(), Operation.COPY_CHUNK, null, null, origin, null, null, null, chunk);
    }

    /** A source heartbeat. */
    public static ChangeEvent of(Heartbeat heartbeat, SinkRecord origin) {
        return new ChangeEvent(HEARTBEATS, Operation.HEARTBEAT, null, null, origin, null, null, heartbeat, null);
    }

    /**
     * The source time of the change in milliseconds since the epoch: the commit time for streamed changes, the
     * read time for snapshot rows; null when the record carries none.
     */
    public Long sourceMillis() {
        if (heartbeat != null) {
            return heartbeat.commitMillis();
        }
        if (schemaChange != null) {
            return schemaChange.timestampMillis();
        }
        if (sequences != null) {
            return sequences.timestampMillis();
        }
        if (chunk != null) {
            return chunk.timestampMillis();
        }
        return SnapshotMarker.sourceMillis(origin);
    }

    /** Whether this snapshot row is the last of its table's snapshot (Debezium's {@code last_in_data_collection}). */
    public boolean endsTableSnapshot() {
        if (chunk != null) {
            return chunk.lastInTable();
        }
        return operation == Operation.READ && SnapshotMarker.endsTableSnapshot(origin);
    }

    /** Whether this snapshot row is the last of the whole snapshot (Debezium's {@code last}). */
    public boolean endsSnapshot() {
        if (chunk != null) {
            return chunk.lastInSnapshot();
        }
        return operation == Operation.READ && SnapshotMarker.endsSnapshot(origin);
    }

    /**
     * The WAL position of the snapshot a snapshot row comes from, or null for streamed changes. A snapshot that
     * was interrupted starts over at a new position, and rows deleted on the source meanwhile are in no later
     * event: a table whose rows come from a new snapshot must be emptied first.
     */
    public Long snapshotPosition() {
        if (chunk != null) {
            return chunk.snapshotPosition();
        }
        return operation == Operation.READ ? SnapshotMarker.snapshotPosition(origin) : null;
    }

    /** Where the event came from, for messages: {@code topic[partition]@offset}. */
    public String position() {
        return origin.topic() + '[' + origin.kafkaPartition() + "]@" + origin.kafkaOffset();
    }
}
