package io.pg2polar.common.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
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

    @Test
    void readsWhatJsonConverterReadsForEveryRecordOfEverySchema() {
        JsonConverter plain = converter(new JsonConverter(), WORKER_SETTINGS);
        CachedSchemaJsonConverter cached = converter(new CachedSchemaJsonConverter(), WORKER_SETTINGS);
        Schema tricky = SchemaBuilder.struct().name("db.public.payload.Value").optional()
                .field("payload", SchemaBuilder.string().optional().parameter("p", "} ] \\\" {\"payload\":{").build())
                .field("id", Schema.INT32_SCHEMA).build();
        List<byte[]> records = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            records.add(plain.fromConnectData("t", ENVELOPE, envelope(round, "note " + round, "c")));
            records.add(plain.fromConnectData("t", tricky, new Struct(tricky).put("payload", ",\"payload\":{}}\\").put("id", round)));
            records.add(plain.fromConnectData("t", ENVELOPE, envelope(round, null, "d")));
            records.add(plain.fromConnectData("other", ENVELOPE, new Struct(ENVELOPE).put("op", "t")));
        }
        for (byte[] record : records) {
            assertEquals(plain.toConnectData("t", record), cached.toConnectData("t", record), new String(record, StandardCharsets.UTF_8));
        }
        assertEquals(SchemaAndValue.NULL, cached.toConnectData("t", null));
    }

    @Test
    void envelopesItDoesNotRecogniseAreReadOrRejectedAsJsonConverterDoes() {
        JsonConverter plain = converter(new JsonConverter(), WORKER_SETTINGS);
        CachedSchemaJsonConverter cached = converter(new CachedSchemaJsonConverter(), WORKER_SETTINGS);
        byte[] record = plain.fromConnectData("t", ENVELOPE, envelope(1, "x", "c"));
        cached.toConnectData("t", record);
        String json = new String(record, StandardCharsets.UTF_8);
        for (String readable : List.of(json.replace(",\"payload\":", ", \"payload\" : "), json.replaceFirst("\\{\"schema\":", "{ \"schema\":"),
                "{\"schema\":{\"type\":\"int32\"},\"payload\":7}", "{\"schema\":{\"type\":\"struct\",\"fields\":[],\"optional\":true},\"payload\":null}")) {
            byte[] bytes = readable.getBytes(StandardCharsets.UTF_8);
            assertEquals(plain.toConnectData("t", bytes), cached.toConnectData("t", bytes), readable);
        }
        for (String malformed : List.of(json.substring(0, json.length() - 1) + ",\"extra\":1}", json.substring(0, json.length() - 2),
                "{\"schema\":{\"type\":\"no such type\"},\"payload\":{}}", "{\"payload\":{}}")) {
            byte[] bytes = malformed.getBytes(StandardCharsets.UTF_8);
            DataException expected = assertThrows(DataException.class, () -> plain.toConnectData("t", bytes));
            DataException actual = assertThrows(DataException.class, () -> cached.toConnectData("t", bytes), malformed);
            assertEquals(expected.getMessage(), actual.getMessage());
        }
    }

    @Test
    void aSchemaRecognisedByItsBytesIsNotConfusedWithAnother() {
        JsonConverter plain = converter(new JsonConverter(), WORKER_SETTINGS);
        CachedSchemaJsonConverter cached = converter(new CachedSchemaJsonConverter(), WORKER_SETTINGS);
        Schema longer = SchemaBuilder.struct().name("v").field("a", Schema.INT32_SCHEMA).field("b", Schema.OPTIONAL_INT32_SCHEMA).build();
        Schema shorter = SchemaBuilder.struct().name("v").field("a", Schema.INT32_SCHEMA).build();
        for (int i = 0; i < 4; i++) {
            Schema schema = i % 2 == 0 ? shorter : longer;
            Struct value = new Struct(schema).put("a", i);
            SchemaAndValue read = cached.toConnectData("t", plain.fromConnectData("t", schema, value));
            assertEquals(schema.fields().size(), read.schema().fields().size());
            assertEquals(new SchemaAndValue(plain.toConnectData("t", plain.fromConnectData("t", schema, value)).schema(), read.value()), read);
        }
    }

    @Test
    void endOfObjectSkipsBracesInsideStrings() {
        byte[] json = "x{\"a\":\"}\\\"{\",\"b\":[{}]}tail".getBytes(StandardCharsets.UTF_8);
        assertEquals(json.length - 4, KnownSchemaReader.endOfObject(json, 1));
        assertEquals(-1, KnownSchemaReader.endOfObject(json, 0));
        assertEquals(-1, KnownSchemaReader.endOfObject("{\"a\":{}".getBytes(StandardCharsets.UTF_8), 0));
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
