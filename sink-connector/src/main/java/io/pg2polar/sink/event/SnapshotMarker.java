package io.pg2polar.sink.event;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Identifies the snapshot attempt a snapshot row belongs to: Debezium stamps every row of one snapshot with the
 * WAL position the snapshot was taken at ({@code source.lsn}), and a snapshot that was interrupted starts over
 * at a new position. (The {@code snapshot} markers {@code first}/{@code first_in_data_collection} cannot serve:
 * a one-row table's only row is marked {@code last_in_data_collection}, and parallel snapshot threads skip the
 * first-table markers.)
 */
final class SnapshotMarker {

    private SnapshotMarker() {}

    /** The snapshot position of a snapshot row, or null for any other record. */
    static Long snapshotPosition(SinkRecord record) {
        if (!(record.value() instanceof Struct envelope) || envelope.schema().field("source") == null) {
            return null;
        }
        Struct source = envelope.getStruct("source");
        if (source == null
                || source.schema().field("snapshot") == null
                || source.schema().field("lsn") == null) {
            return null;
        }
        Object marker = source.get("snapshot");
        if (marker == null || "false".equals(marker) || "incremental".equals(marker)) {
            return null;
        }
        Object lsn = source.get("lsn");
        return lsn instanceof Number n ? n.longValue() : null;
    }

    /** Debezium's {@code source.ts_ms}, or null. */
    static Long sourceMillis(SinkRecord record) {
        Struct source = sourceBlock(record);
        if (source == null || source.schema().field("ts_ms") == null) {
            return null;
        }
        return source.get("ts_ms") instanceof Number n ? n.longValue() : null;
    }

    static boolean endsTableSnapshot(SinkRecord record) {
        Object marker = marker(record);
        return "last_in_data_collection".equals(marker) || "last".equals(marker);
    }

    static boolean endsSnapshot(SinkRecord record) {
        return "last".equals(marker(record));
    }

    private static Object marker(SinkRecord record) {
        Struct source = sourceBlock(record);
        return source == null || source.schema().field("snapshot") == null ? null : source.get("snapshot");
    }

    private static Struct sourceBlock(SinkRecord record) {
        if (!(record.value() instanceof Struct envelope) || envelope.schema().field("source") == null) {
            return null;
        }
        return envelope.getStruct("source");
    }
}
