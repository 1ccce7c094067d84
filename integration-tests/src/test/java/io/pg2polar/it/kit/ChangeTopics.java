package io.pg2polar.it.kit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * A consumer of the change topics that knows nothing of pg2polar: Kafka's own consumer reading committed records and
 * Kafka's own {@code JsonConverter}, configured only by properties - optionally with pg2polar's interceptor, which turns
 * copy chunks into Debezium {@code op: r} events before the consumer sees them.
 */
public final class ChangeTopics implements AutoCloseable {

    /** One record as a consumer sees it. */
    public record Event(
            String topic,
            long offset,
            Map<String, String> headers,
            byte[] rawKey,
            byte[] rawValue,
            SchemaAndValue key,
            SchemaAndValue value) {

        /** The envelope's {@code op}, or null for a record that is no Debezium change (a tombstone, a control event). */
        public String op() {
            if (value.value() instanceof org.apache.kafka.connect.data.Struct envelope
                    && envelope.schema().field("op") != null) {
                return envelope.getString("op");
            }
            return null;
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final JsonConverter keys = new JsonConverter();
    private final JsonConverter values = new JsonConverter();

    private ChangeTopics(Map<String, Object> properties, Pattern topics) {
        consumer = new KafkaConsumer<>(properties);
        consumer.subscribe(topics);
        Map<String, Object> json = Map.of("schemas.enable", "true", "replace.null.with.default", "false");
        keys.configure(json, true);
        values.configure(json, false);
    }

    /**
     * @param consumerProperties more consumer properties, e.g. {@code interceptor.classes}
     */
    public static ChangeTopics subscribe(
            String bootstrapServers, Pattern topics, Map<String, Object> consumerProperties) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "plain-consumer-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
        // new topics (tables created later) are found within a second
        properties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
        properties.putAll(consumerProperties);
        return new ChangeTopics(properties, topics);
    }

    /** What one poll returned, decoded. */
    public List<Event> poll(Duration timeout) {
        List<Event> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(
                        header.key(),
                        header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
            }
            events.add(new Event(
                    record.topic(),
                    record.offset(),
                    headers,
                    record.key(),
                    record.value(),
                    keys.toConnectData(record.topic(), record.key()),
                    values.toConnectData(record.topic(), record.value())));
        }
        return events;
    }

    @Override
    public void close() {
        consumer.close();
        keys.close();
        values.close();
    }
}
