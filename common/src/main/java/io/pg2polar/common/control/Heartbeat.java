package io.pg2polar.common.control;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * A control event for each heartbeat the source wrote into its {@code pg2polar.heartbeat} table, in WAL order
 * with the rows, sent into {@code <prefix>.pg2polar.heartbeat}. The sink records the newest one it applied:
 * "now minus the source time of the newest applied heartbeat" is how far the target is behind, even on an idle
 * source.
 *
 * @param slot             the replication slot of the migration that wrote it
 * @param beatAtMillis     the source's clock when the heartbeat was written
 * @param commitMillis     the source transaction's commit time, as logical decoding reports it
 */
public record Heartbeat(String slot, long beatAtMillis, long commitMillis) {

    public static final String SCHEMA_NAME = "io.pg2polar.control.Heartbeat";
    /** The topic after the prefix: three dot-separated parts, so the sink's table topic pattern takes it too. */
    public static final String TOPIC_SUFFIX = "pg2polar.heartbeat";
    /** The source table the heartbeats are written to. */
    public static final String TABLE = "heartbeat";

    public static final Schema VALUE_SCHEMA = SchemaBuilder.struct()
            .name(SCHEMA_NAME)
            .version(1)
            .doc("pg2polar control event: a heartbeat of the source, in WAL order with the rows (not a row)")
            .field("slot", Schema.STRING_SCHEMA)
            .field("beat_at_ms", Schema.INT64_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .build();

    public Struct toStruct() {
        return new Struct(VALUE_SCHEMA)
                .put("slot", slot)
                .put("beat_at_ms", beatAtMillis)
                .put("ts_ms", commitMillis);
    }

    public static Heartbeat fromStruct(Struct value) {
        return new Heartbeat(value.getString("slot"), value.getInt64("beat_at_ms"), value.getInt64("ts_ms"));
    }
}
