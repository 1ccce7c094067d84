package io.pg2polar.sink.event;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Reads the {@code source.snapshot} marker Debezium puts on snapshot rows: {@code first} on the very first row,
 * {@code first_in_data_collection} on the first row of every other table, then {@code true},
 * {@code last_in_data_collection}, {@code last}.
 */
final class SnapshotMarker {

    private SnapshotMarker() {
    }

    static boolean startsTable(SinkRecord record) {
        if (!(record.value() instanceof Struct envelope) || envelope.schema().field("source") == null) {
            return false;
        }
        Struct source = envelope.getStruct("source");
        if (source == null || source.schema().field("snapshot") == null) {
            return false;
        }
        Object marker = source.get("snapshot");
        return "first".equals(marker) || "first_in_data_collection".equals(marker);
    }
}
