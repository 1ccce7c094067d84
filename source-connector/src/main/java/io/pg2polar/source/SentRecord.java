package io.pg2polar.source;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.source.SourceRecord;

/**
 * A source record equal only to itself. With exactly-once support Connect keeps every record it sent in a
 * {@code HashMap} until the transaction commits, and a {@code SourceRecord}'s hash is computed over its whole key and
 * value: a benchmark profile found the producer's I/O thread hashing row after row, and half a megabyte per snapshot
 * chunk. Identity is all that map needs (two equal records are still two records to acknowledge).
 */
final class SentRecord extends SourceRecord {

    private SentRecord(SourceRecord record) {
        super(
                record.sourcePartition(),
                record.sourceOffset(),
                record.topic(),
                record.kafkaPartition(),
                record.keySchema(),
                record.key(),
                record.valueSchema(),
                record.value(),
                record.timestamp(),
                record.headers());
    }

    /** The records as {@code SentRecord}s, in order. */
    static List<SourceRecord> of(List<SourceRecord> records) {
        List<SourceRecord> sent = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            sent.add(record instanceof SentRecord ? record : new SentRecord(record));
        }
        return sent;
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
