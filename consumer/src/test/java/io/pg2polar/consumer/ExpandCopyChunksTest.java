package io.pg2polar.consumer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

import io.pg2polar.common.control.ControlEvents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExpandCopyChunksTest {

    private static final String TOPIC = "it.public.item";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    @Test
    void aChunkIsReplacedByItsRowsAtItsOffsetAndEverythingElsePasses() {
        ExpandCopyChunks interceptor = configured(ByteArrayDeserializer.class, Map.of());
        ConsumerRecords<Object, Object> polled = poll(control(10, "schema-change", "{}"), chunk(11), change(12));

        ConsumerRecords<Object, Object> seen = interceptor.onConsume(polled);

        List<ConsumerRecord<Object, Object>> records = seen.records(PARTITION);
        assertEquals(
                List.of(10L, 11L, 11L, 12L),
                records.stream().map(ConsumerRecord::offset).toList());
        assertSame(polled.records(PARTITION).get(0), records.get(0));
        assertSame(polled.records(PARTITION).get(2), records.get(3));
        JsonConverter json = json(false);
        Struct first = (Struct)
                json.toConnectData(TOPIC, (byte[]) records.get(1).value()).value();
        assertEquals("r", first.getString("op"));
        assertEquals(1, first.getStruct("after").getInt32("id"));
        Struct key = (Struct)
                json(true).toConnectData(TOPIC, (byte[]) records.get(2).key()).value();
        assertEquals(2, key.getInt32("id"));
        assertNull(records.get(1).headers().lastHeader(ControlEvents.HEADER));
        assertEquals(polled.nextOffsets(), seen.nextOffsets());
    }

    @Test
    void controlEventsAreDroppedWhenAskedAndStringsStayStrings() {
        ExpandCopyChunks interceptor =
                configured(StringDeserializer.class, Map.of(ExpandCopyChunks.CONTROL_EVENTS, "drop"));
        ConsumerRecords<Object, Object> polled =
                poll(asStrings(control(10, "schema-change", "{}")), asStrings(chunk(11)), asStrings(change(12)));

        List<ConsumerRecord<Object, Object>> records =
                interceptor.onConsume(polled).records(PARTITION);

        assertEquals(
                List.of(11L, 11L, 12L),
                records.stream().map(ConsumerRecord::offset).toList());
        Struct row = (Struct) json(false)
                .toConnectData(TOPIC, ((String) records.get(0).value()).getBytes(StandardCharsets.UTF_8))
                .value();
        assertEquals("first", row.getStruct("after").getString("name"));
    }

    @Test
    void aDeserializerThatIsNotBytesOrTextIsRefused() {
        assertThrows(ConfigException.class, () -> configured(LongDeserializer.class, Map.of()));
        Map<String, Object> unknownMode = new HashMap<>(Map.of(ExpandCopyChunks.CONTROL_EVENTS, "skip"));
        assertThrows(ConfigException.class, () -> configured(ByteArrayDeserializer.class, unknownMode));
    }

    private static ExpandCopyChunks configured(Class<?> deserializer, Map<String, Object> more) {
        Map<String, Object> configs = new HashMap<>(more);
        configs.put("key.deserializer", deserializer);
        configs.put("value.deserializer", deserializer.getName());
        ExpandCopyChunks interceptor = new ExpandCopyChunks();
        interceptor.configure(configs);
        return interceptor;
    }

    private static ConsumerRecords<Object, Object> poll(List<ConsumerRecord<Object, Object>> records) {
        return new ConsumerRecords<>(Map.of(PARTITION, records), Map.of(PARTITION, new OffsetAndMetadata(13)));
    }

    @SafeVarargs
    private static ConsumerRecords<Object, Object> poll(ConsumerRecord<Object, Object>... records) {
        return poll(List.of(records));
    }

    private static ConsumerRecord<Object, Object> chunk(long offset) {
        Struct value = ChunkFixture.chunk(ChunkFixture.ROW_EVENTS).toStruct();
        return control(
                offset,
                "copy-chunk",
                new String(json(false).fromConnectData(TOPIC, value.schema(), value), StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<Object, Object> control(long offset, String kind, String json) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ControlEvents.HEADER, kind.getBytes(StandardCharsets.UTF_8));
        return record(offset, null, json.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static ConsumerRecord<Object, Object> change(long offset) {
        return record(
                offset,
                "{}".getBytes(StandardCharsets.UTF_8),
                "{\"op\":\"c\"}".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders());
    }

    private static ConsumerRecord<Object, Object> record(long offset, byte[] key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(
                TOPIC,
                0,
                offset,
                5L,
                TimestampType.CREATE_TIME,
                -1,
                value.length,
                key,
                value,
                headers,
                Optional.empty());
    }

    private static ConsumerRecord<Object, Object> asStrings(ConsumerRecord<Object, Object> record) {
        return new ConsumerRecord<>(
                TOPIC,
                0,
                record.offset(),
                5L,
                TimestampType.CREATE_TIME,
                -1,
                -1,
                record.key() == null ? null : new String((byte[]) record.key(), StandardCharsets.UTF_8),
                new String((byte[]) record.value(), StandardCharsets.UTF_8),
                record.headers(),
                Optional.empty());
    }

    private static JsonConverter json(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true", "replace.null.with.default", "false"), isKey);
        return converter;
    }
}
