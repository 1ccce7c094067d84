package io.pg2polar.consumer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.BytesDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

import io.pg2polar.common.control.ControlEvents;
import io.pg2polar.common.control.CopyChunk;

/**
 * A Kafka consumer interceptor that replaces each full-load copy chunk in a poll by the standard Debezium change events
 * of its rows ({@code op: r}), serialised as the source serialises its changes (Kafka's {@code JsonConverter} with
 * schemas), so a consumer that knows only Debezium reads the initial rows like any other change. One setting, no code:
 * {@code interceptor.classes=io.pg2polar.consumer.ExpandCopyChunks} on a plain consumer, or
 * {@code consumer.override.interceptor.classes} on a Connect sink connector. The row events keep the chunk's offset,
 * timestamp and partition; everything else passes unchanged, or, with {@value #CONTROL_EVENTS}{@code =drop}, pg2polar's
 * other control events are left out.
 */
public class ExpandCopyChunks implements ConsumerInterceptor<Object, Object> {

    /** {@code keep} (default) or {@code drop} pg2polar's other control events (table definitions, heartbeats, ...). */
    public static final String CONTROL_EVENTS = "pg2polar.control.events";

    private final JsonConverter keys = new JsonConverter();
    private final JsonConverter values = new JsonConverter();
    private Form keyForm;
    private Form valueForm;
    private boolean dropControlEvents;

    /** The Java type the consumer's deserializer gives a key or value, which the row events must have too. */
    private enum Form {
        BYTES,
        STRING,
        KAFKA_BYTES;

        Object of(byte[] json) {
            return switch (this) {
                case BYTES -> json;
                case STRING -> new String(json, StandardCharsets.UTF_8);
                case KAFKA_BYTES -> Bytes.wrap(json);
            };
        }

        byte[] bytes(Object value) {
            return switch (this) {
                case BYTES -> (byte[]) value;
                case STRING -> ((String) value).getBytes(StandardCharsets.UTF_8);
                case KAFKA_BYTES -> ((Bytes) value).get();
            };
        }
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Map<String, Object> json = Map.of("schemas.enable", "true", "replace.null.with.default", "false");
        keys.configure(json, true);
        values.configure(json, false);
        keyForm = form(configs, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        valueForm = form(configs, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        Object control = configs.get(CONTROL_EVENTS);
        String mode = control == null ? "keep" : control.toString().trim();
        if (!mode.equals("keep") && !mode.equals("drop")) {
            throw new ConfigException(CONTROL_EVENTS, control, "must be keep or drop");
        }
        dropControlEvents = mode.equals("drop");
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        Map<TopicPartition, List<ConsumerRecord<Object, Object>>> out = new LinkedHashMap<>();
        boolean changed = false;
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<Object, Object>> in = records.records(partition);
            List<ConsumerRecord<Object, Object>> kept = new ArrayList<>(in.size());
            for (ConsumerRecord<Object, Object> record : in) {
                String control = controlKind(record);
                if (CopyChunk.HEADER_VALUE.equals(control)) {
                    expand(record, kept);
                    changed = true;
                } else if (control != null && dropControlEvents) {
                    changed = true;
                } else {
                    kept.add(record);
                }
            }
            out.put(partition, kept);
        }
        return changed ? new ConsumerRecords<>(out, records.nextOffsets()) : records;
    }

    private void expand(ConsumerRecord<Object, Object> chunk, List<ConsumerRecord<Object, Object>> into) {
        SchemaAndValue value = values.toConnectData(chunk.topic(), valueForm.bytes(chunk.value()));
        for (CopyChunkRows.RowEvent event : CopyChunkRows.expand((Struct) value.value())) {
            byte[] key = event.keySchema() == null
                    ? null
                    : keys.fromConnectData(chunk.topic(), event.keySchema(), event.key());
            byte[] row = values.fromConnectData(chunk.topic(), event.valueSchema(), event.value());
            into.add(new ConsumerRecord<>(
                    chunk.topic(),
                    chunk.partition(),
                    chunk.offset(),
                    chunk.timestamp(),
                    chunk.timestampType(),
                    key == null ? -1 : key.length,
                    row.length,
                    key == null ? null : keyForm.of(key),
                    valueForm.of(row),
                    new RecordHeaders(),
                    chunk.leaderEpoch(),
                    chunk.deliveryCount()));
        }
    }

    private static String controlKind(ConsumerRecord<Object, Object> record) {
        Header header = record.headers().lastHeader(ControlEvents.HEADER);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Form form(Map<String, ?> configs, String key) {
        Object deserializer = configs.get(key);
        String name = deserializer instanceof Class<?> type
                ? type.getName()
                : String.valueOf(deserializer).trim();
        if (name.equals(ByteArrayDeserializer.class.getName())) {
            return Form.BYTES;
        }
        if (name.equals(StringDeserializer.class.getName())) {
            return Form.STRING;
        }
        if (name.equals(BytesDeserializer.class.getName())) {
            return Form.KAFKA_BYTES;
        }
        throw new ConfigException(
                key,
                deserializer,
                ExpandCopyChunks.class.getName() + " writes the row events as JSON and needs the"
                        + " records as bytes or text: use " + ByteArrayDeserializer.class.getName() + " or "
                        + StringDeserializer.class.getName()
                        + " and read the values with Kafka's JsonConverter (schemas.enable=true)");
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

    @Override
    public void close() {
        keys.close();
        values.close();
    }
}
