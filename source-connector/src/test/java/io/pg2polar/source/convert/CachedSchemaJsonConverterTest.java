package io.pg2polar.source.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class CachedSchemaJsonConverterTest {

    private static final Map<String, String> WORKER_SETTINGS = Map.of("schemas.enable", "true", "replace.null.with.default", "false");
    private static final Schema ROW = SchemaBuilder.struct().name("db.public.t.Value").optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("note", SchemaBuilder.string().optional().defaultValue("dflt").parameter("__debezium.source.column.type", "TEXT").build())
            .field("amount", Decimal.builder(2).optional().build())
            .field("raw", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("db.public.t.Envelope")
            .field("before", ROW).field("after", ROW).field("op", Schema.STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    @Test
    void writesWhatJsonConverterWritesForEveryRecordOfASchema() {
        JsonConverter plain = converter(new JsonConverter(), WORKER_SETTINGS);
        CachedSchemaJsonConverter cached = converter(new CachedSchemaJsonConverter(), WORKER_SETTINGS);
        for (Struct record : List.of(envelope(1, "first", "c"), envelope(2, null, "u"), envelope(3, "tab\t\"quoted\" é", "d"),
                new Struct(ENVELOPE).put("op", "t"))) {
            byte[] expected = plain.fromConnectData("t", ENVELOPE, record);
            assertArrayEquals(expected, cached.fromConnectData("t", ENVELOPE, record), new String(expected, StandardCharsets.UTF_8));
        }
        assertEquals(plain.toConnectData("t", plain.fromConnectData("t", ENVELOPE, envelope(4, "x", "c"))),
                cached.toConnectData("t", cached.fromConnectData("t", ENVELOPE, envelope(4, "x", "c"))));
    }

    @Test
    void tombstonesNullValuesAndSchemalessRecordsAreJsonConverters() {
        JsonConverter plain = converter(new JsonConverter(), WORKER_SETTINGS);
        CachedSchemaJsonConverter cached = converter(new CachedSchemaJsonConverter(), WORKER_SETTINGS);
        assertNull(cached.fromConnectData("t", null, null));
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(plain.fromConnectData("t", ROW, null), cached.fromConnectData("t", ROW, null));
            assertArrayEquals(plain.fromConnectData("t", null, Map.of("a", 1)), cached.fromConnectData("t", null, Map.of("a", 1)));
        }
        Map<String, String> schemaless = Map.of("schemas.enable", "false");
        assertArrayEquals(converter(new JsonConverter(), schemaless).fromConnectData("t", ENVELOPE, envelope(1, "a", "c")),
                converter(new CachedSchemaJsonConverter(), schemaless).fromConnectData("t", ENVELOPE, envelope(1, "a", "c")));
    }

    @Test
    void anEnvelopeLaidOutOtherwiseIsNotCached() {
        byte[] payload = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] envelope = "{\"schema\":{\"type\":\"struct\"},\"payload\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8);
        assertEquals("{\"type\":\"struct\"}", new String(CachedSchemaJsonConverter.schemaPart(envelope, payload), StandardCharsets.UTF_8));
        byte[] reordered = "{\"payload\":{\"a\":1},\"schema\":{\"type\":\"struct\"}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, CachedSchemaJsonConverter.schemaPart(reordered, payload).length);
        assertEquals(0, CachedSchemaJsonConverter.schemaPart(Arrays.copyOf(envelope, 5), payload).length);
    }

    private static Struct envelope(long id, String note, String op) {
        Struct row = new Struct(ROW).put("id", id).put("note", note).put("amount", new BigDecimal("12.50"))
                .put("raw", new byte[] { 0, 1, (byte) 255 }).put("tags", Arrays.asList("a", null, "c"));
        Struct envelope = new Struct(ENVELOPE).put("op", op).put("ts_ms", 1700000000000L + id);
        return "d".equals(op) ? envelope.put("before", row) : envelope.put("after", row);
    }

    private static <C extends org.apache.kafka.connect.storage.Converter> C converter(C converter, Map<String, String> settings) {
        converter.configure(settings, false);
        return converter;
    }
}
