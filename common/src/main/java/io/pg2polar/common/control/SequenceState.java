package io.pg2polar.common.control;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import io.pg2polar.common.sequence.SequenceValue;

/**
 * A control event with the position of every sequence in the migrated schemas, sent by the source at a fixed
 * interval into {@code <prefix>.pg2polar.sequences}; the sink moves the target's sequences up to it.
 */
public record SequenceState(List<SequenceValue> sequences, long timestampMillis) {

    public static final String SCHEMA_NAME = "io.pg2polar.control.SequenceState";
    /** The topic after the prefix: three dot-separated parts, so the sink's table topic pattern takes it too. */
    public static final String TOPIC_SUFFIX = "pg2polar.sequences";

    private static final Schema SEQUENCE_SCHEMA = SchemaBuilder.struct()
            .name("io.pg2polar.control.Sequence")
            .field("schema", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("data_type", Schema.STRING_SCHEMA)
            .field("start", Schema.INT64_SCHEMA)
            .field("increment", Schema.INT64_SCHEMA)
            .field("min", Schema.INT64_SCHEMA)
            .field("max", Schema.INT64_SCHEMA)
            .field("cache", Schema.INT64_SCHEMA)
            .field("cycle", Schema.BOOLEAN_SCHEMA)
            .field("last_value", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    public static final Schema VALUE_SCHEMA = SchemaBuilder.struct()
            .name(SCHEMA_NAME)
            .version(1)
            .doc("pg2polar control event: positions of the source's sequences (not a row)")
            .field("sequences", SchemaBuilder.array(SEQUENCE_SCHEMA).build())
            .field("ts_ms", Schema.INT64_SCHEMA)
            .build();

    public Struct toStruct() {
        List<Struct> items = new ArrayList<>(sequences.size());
        for (SequenceValue s : sequences) {
            items.add(new Struct(SEQUENCE_SCHEMA)
                    .put("schema", s.schema())
                    .put("name", s.name())
                    .put("data_type", s.dataType())
                    .put("start", s.start())
                    .put("increment", s.increment())
                    .put("min", s.min())
                    .put("max", s.max())
                    .put("cache", s.cache())
                    .put("cycle", s.cycle())
                    .put("last_value", s.lastValue()));
        }
        return new Struct(VALUE_SCHEMA).put("sequences", items).put("ts_ms", timestampMillis);
    }

    public static SequenceState fromStruct(Struct value) {
        List<SequenceValue> sequences = new ArrayList<>();
        for (Object item : value.getArray("sequences")) {
            Struct s = (Struct) item;
            sequences.add(new SequenceValue(
                    s.getString("schema"),
                    s.getString("name"),
                    s.getString("data_type"),
                    s.getInt64("start"),
                    s.getInt64("increment"),
                    s.getInt64("min"),
                    s.getInt64("max"),
                    s.getInt64("cache"),
                    s.getBoolean("cycle"),
                    s.getInt64("last_value")));
        }
        return new SequenceState(sequences, value.getInt64("ts_ms"));
    }
}
