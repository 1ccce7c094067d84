package io.pg2polar.source;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

import io.pg2polar.common.sql.Identifiers;

/**
 * Fails the task on a record the producer would refuse as larger than its {@code max.request.size}, naming the table
 * and the settings to raise. Kafka's own refusal ({@code RecordTooLargeException}) names neither the topic nor the
 * row, so a user could not tell which table to exclude or how large to make the limits. Records are measured from
 * below (text by its characters, bytes as base64), so none the producer would take is refused here; one whose JSON
 * envelope alone tips it over still meets Kafka's refusal.
 */
final class RecordSizeLimit {

    static final String MAX_REQUEST_SIZE = "producer.override.max.request.size";
    private static final int KEY_SHOWN = 200;

    private final long maxRequestSize;

    private RecordSizeLimit(long maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }

    /**
     * The limit the connector's configuration sets, or none: without {@value #MAX_REQUEST_SIZE} the worker's producer
     * settings decide, which the task cannot see.
     */
    static RecordSizeLimit of(Map<String, String> config) {
        String value = config.get(MAX_REQUEST_SIZE);
        try {
            return new RecordSizeLimit(value == null ? Long.MAX_VALUE : Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return new RecordSizeLimit(Long.MAX_VALUE); // validate reports it
        }
    }

    /** @throws ConnectException for the first record too large to send */
    void check(List<SourceRecord> records) {
        if (maxRequestSize == Long.MAX_VALUE) {
            return;
        }
        for (SourceRecord record : records) {
            long size = lowerBound(record.key()) + lowerBound(record.value());
            if (size > maxRequestSize) {
                throw new ConnectException(describe(record) + " is at least " + size
                        + " bytes as a Kafka record, more than " + MAX_REQUEST_SIZE
                        + " = " + maxRequestSize + ", so the producer would refuse it. Raise " + MAX_REQUEST_SIZE
                        + " and topic.creation.default.max.message.bytes (and the max.message.bytes of a topic created beforehand, "
                        + record.topic() + ") above " + size
                        + ", and producer.override.buffer.memory with them past 33554432; or leave the"
                        + " table out with table.exclude.list");
            }
        }
    }

    /** The table and, for a change, its key; a full-load chunk names its table. */
    private static String describe(SourceRecord record) {
        if (record.value() instanceof Struct value) {
            Struct source = value.schema().field("source") != null ? value.getStruct("source") : null;
            Struct names = source != null ? source : value;
            if (names.schema().field("schema") != null && names.schema().field("table") != null) {
                String table = Identifiers.qualify(names.getString("schema"), names.getString("table"));
                if (source == null) {
                    return "A full-load chunk of table " + table + " (a row larger than a chunk travels alone)";
                }
                String key = String.valueOf(record.key());
                return "A change of table " + table + " (key "
                        + (key.length() > KEY_SHOWN ? key.substring(0, KEY_SHOWN) + "..." : key) + ")";
            }
        }
        return "A record for topic " + record.topic();
    }

    /** Bytes the JSON of a value takes at least: characters of text, base64 of bytes. */
    static long lowerBound(Object value) {
        if (value == null) {
            return 4;
        }
        if (value instanceof String text) {
            return text.length() + 2L;
        }
        if (value instanceof byte[] bytes) {
            return base64(bytes.length);
        }
        if (value instanceof ByteBuffer buffer) {
            return base64(buffer.remaining());
        }
        if (value instanceof Struct struct) {
            long size = 2;
            for (Field field : struct.schema().fields()) {
                size += field.name().length() + 3L + lowerBound(struct.get(field));
            }
            return size;
        }
        if (value instanceof Collection<?> items) {
            long size = 2;
            for (Object item : items) {
                size += lowerBound(item) + 1;
            }
            return size;
        }
        if (value instanceof Map<?, ?> map) {
            long size = 2;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += lowerBound(entry.getKey()) + lowerBound(entry.getValue()) + 2;
            }
            return size;
        }
        return 1;
    }

    private static long base64(long bytes) {
        return (bytes + 2) / 3 * 4 + 2;
    }
}
