package io.pg2polar.common.convert;

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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CachedSchemaJsonConverterTest {

    private static final Map<String, String> WORKER_SETTINGS =
            Map.of("schemas.enable", "true", "replace.null.with.default", "false");
    private static final Schema ROW = SchemaBuilder.struct()
            .name("db.public.t.Value")
            .optional()
            .field("id", Schema.INT64_SCHEMA)
            .field(
                    "note",
                    SchemaBuilder.string()
                            .optional()
                            .defaultValue("dflt")
                            .parameter("__debezium.source.column.type", "TEXT")
                            .build())
            .field("amount", Decimal.builder(2).optional().build())
            .field("raw", Schema.OPTIONAL_BYTES_SCHEMA)
            .field(
                    "tags",
                    SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA)
                            .optional()
                            .build())
            .build();
    private static final Schema ENVELOPE = SchemaBuilder.struct()
            .name("db.public.t.Envelope")
            .field("before", ROW)
            .field("after", ROW)
            .field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private static final Schema ITEM = SchemaBuilder.struct()
            .name("item")
            .optional()
            .field("n", Schema.INT16_SCHEMA)
            .field("b", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .build();
    /** Every type the streaming reader and writer handle themselves. */
    private static final Schema ALL_ROW = SchemaBuilder.struct()
            .name("db.public.all.Value")
            .optional()
            .field("i8", Schema.OPTIONAL_INT8_SCHEMA)
            .field("i32", Schema.INT32_SCHEMA)
            .field("i64", Schema.OPTIONAL_INT64_SCHEMA)
            .field(
                    "ts",
                    SchemaBuilder.int64()
                            .name("io.debezium.time.MicroTimestamp")
                            .optional()
                            .build())
            .field("f64", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("flag", Schema.BOOLEAN_SCHEMA)
            .field(
                    "text",
                    SchemaBuilder.string().optional().defaultValue("dflt").build())
            .field("raw", Schema.OPTIONAL_BYTES_SCHEMA)
            .field(
                    "ints",
                    SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).optional().build())
            .field("items", SchemaBuilder.array(ITEM).optional().build())
            .field("one", ITEM)
            .build();

    private static final Schema ALL_ENVELOPE = SchemaBuilder.struct()
            .name("db.public.all.Envelope")
            .field("before", ALL_ROW)
            .field("after", ALL_ROW)
            .field("op", Schema.STRING_SCHEMA)
            .build();

    @Test
    void writesWhatJsonConverterWritesForEveryRecordOfASchema() {
        JsonConverter plain = converter(new JsonConverter(), WORKER_SETTINGS);
        CachedSchemaJsonConverter cached = converter(new CachedSchemaJsonConverter(), WORKER_SETTINGS);
        for (Struct record : List.of(
                envelope(1, "first", "c"),
                envelope(2, null, "u"),
                envelope(3, "tab\t\"quoted\" é", "d"),
                new Struct(ENVELOPE).put("op", "t"))) {
            byte[] expected = plain.fromConnectData("t", ENVELOPE, record);
            assertArrayEquals(
                    expected,
                    cached.fromConnectData("t", ENVELOPE, record),
                    new String(expected, StandardCharsets.UTF_8));
        }
        assertEquals(
                plain.toConnectData("t", plain.fromConnectData("t", ENVELOPE, envelope(4, "x", "c"))),
                cached.toConnectData("t", cached.fromConnectData("t", ENVELOPE, envelope(4, "x", "c"))));
    }

    @Test
    void bytesThatAreNoEnvelopeBecomeAnUndecodableValueForTheSinkToName() {
        CachedSchemaJsonConverter cached = converter(new CachedSchemaJsonConverter(), WORKER_SETTINGS);
        cached.toConnectData("t", cached.fromConnectData("t", ENVELOPE, envelope(1, "known schema", "c")));
        for (String poison : List.of(
                "{\"this is\": not json",
                "{\"id\": 1}",
                "\u0000\u0001",
                "{\"schema\":{\"type\":\"nonsense\"},\"payload\":1}")) {
            Object value = cached.toConnectData("t", poison.getBytes(StandardCharsets.UTF_8))
                    .value();
            assertTrue(value instanceof Undecodable, poison + " -> " + value);
        }
    }

    @Test
    void tombstonesNullValuesAndSchemalessRecordsAreJsonConverters() {
        JsonConverter plain = converter(new JsonConverter(), WORKER_SETTINGS);
        CachedSchemaJsonConverter cached = converter(new CachedSchemaJsonConverter(), WORKER_SETTINGS);
        assertNull(cached.fromConnectData("t", null, null));
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(plain.fromConnectData("t", ROW, null), cached.fromConnectData("t", ROW, null));
            assertArrayEquals(
                    plain.fromConnectData("t", null, Map.of("a", 1)),
                    cached.fromConnectData("t", null, Map.of("a", 1)));
        }
        Map<String, String> schemaless = Map.of("schemas.enable", "false");
        assertArrayEquals(
                converter(new JsonConverter(), schemaless).fromConnectData("t", ENVELOPE, envelope(1, "a", "c")),
                converter(new CachedSchemaJsonConverter(), schemaless)
                        .fromConnectData("t", ENVELOPE, envelope(1, "a", "c")));
    }

    @Test
    void anEnvelopeLaidOutOtherwiseIsNotCached() {
        byte[] payload = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] envelope = "{\"schema\":{\"type\":\"struct\"},\"payload\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(
                "{\"type\":\"struct\"}",
                new String(CachedSchemaJsonConverter.schemaPart(envelope, payload), StandardCharsets.UTF_8));
        byte[] reordered = "{\"payload\":{\"a\":1},\"schema\":{\"type\":\"struct\"}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, CachedSchemaJsonConverter.schemaPart(reordered, payload).length);
        assertEquals(0, CachedSchemaJsonConverter.schemaPart(Arrays.copyOf(envelope, 5), payload).length);
    }

    @Test
    void readsWhatJsonConverterReadsForEveryRecordOfEverySchema() {
        JsonConverter plain = converter(new JsonConverter(), WORKER_SETTINGS);
        CachedSchemaJsonConverter cached = converter(new CachedSchemaJsonConverter(), WORKER_SETTINGS);
        Schema tricky = SchemaBuilder.struct()
                .name("db.public.payload.Value")
                .optional()
                .field(
                        "payload",
                        SchemaBuilder.string()
                                .optional()
                                .parameter("p", "} ] \\\" {\"payload\":{")
                                .build())
                .field("id", Schema.INT32_SCHEMA)
                .build();
        List<byte[]> records = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            records.add(plain.fromConnectData("t", ENVELOPE, envelope(round, "note " + round, "c")));
            records.add(plain.fromConnectData(
                    "t",
                    tricky,
                    new Struct(tricky).put("payload", ",\"payload\":{}}\\").put("id", round)));
            records.add(plain.fromConnectData("t", ENVELOPE, envelope(round, null, "d")));
            records.add(plain.fromConnectData("other", ENVELOPE, new Struct(ENVELOPE).put("op", "t")));
        }
        for (byte[] record : records) {
            assertEquals(
                    plain.toConnectData("t", record),
                    cached.toConnectData("t", record),
                    new String(record, StandardCharsets.UTF_8));
        }
        assertEquals(SchemaAndValue.NULL, cached.toConnectData("t", null));
    }

    @Test
    void envelopesItDoesNotRecogniseAreReadOrRejectedWithJsonConvertersReason() {
        JsonConverter plain = converter(new JsonConverter(), WORKER_SETTINGS);
        CachedSchemaJsonConverter cached = converter(new CachedSchemaJsonConverter(), WORKER_SETTINGS);
        byte[] record = plain.fromConnectData("t", ENVELOPE, envelope(1, "x", "c"));
        cached.toConnectData("t", record);
        String json = new String(record, StandardCharsets.UTF_8);
        for (String readable : List.of(
                json.replace(",\"payload\":", ", \"payload\" : "),
                json.replaceFirst("\\{\"schema\":", "{ \"schema\":"),
                "{\"schema\":{\"type\":\"int32\"},\"payload\":7}",
                "{\"schema\":{\"type\":\"struct\",\"fields\":[],\"optional\":true},\"payload\":null}")) {
            byte[] bytes = readable.getBytes(StandardCharsets.UTF_8);
            assertEquals(plain.toConnectData("t", bytes), cached.toConnectData("t", bytes), readable);
        }
        for (String malformed : List.of(
                json.substring(0, json.length() - 1) + ",\"extra\":1}",
                json.substring(0, json.length() - 2),
                "{\"schema\":{\"type\":\"no such type\"},\"payload\":{}}",
                "{\"payload\":{}}")) {
            byte[] bytes = malformed.getBytes(StandardCharsets.UTF_8);
            DataException expected = assertThrows(DataException.class, () -> plain.toConnectData("t", bytes));
            assertEquals(
                    new SchemaAndValue(null, new Undecodable(expected.getMessage())),
                    cached.toConnectData("t", bytes),
                    malformed);
        }
    }

    @Test
    void aSchemaRecognisedByItsBytesIsNotConfusedWithAnother() {
        JsonConverter plain = converter(new JsonConverter(), WORKER_SETTINGS);
        CachedSchemaJsonConverter cached = converter(new CachedSchemaJsonConverter(), WORKER_SETTINGS);
        Schema longer = SchemaBuilder.struct()
                .name("v")
                .field("a", Schema.INT32_SCHEMA)
                .field("b", Schema.OPTIONAL_INT32_SCHEMA)
                .build();
        Schema shorter =
                SchemaBuilder.struct().name("v").field("a", Schema.INT32_SCHEMA).build();
        for (int i = 0; i < 4; i++) {
            Schema schema = i % 2 == 0 ? shorter : longer;
            Struct value = new Struct(schema).put("a", i);
            SchemaAndValue read = cached.toConnectData("t", plain.fromConnectData("t", schema, value));
            assertEquals(schema.fields().size(), read.schema().fields().size());
            assertEquals(
                    new SchemaAndValue(
                            plain.toConnectData("t", plain.fromConnectData("t", schema, value))
                                    .schema(),
                            read.value()),
                    read);
        }
    }

    @Test
    void streamsPayloadsOfStructsArraysAndPrimitivesAsJsonConverterReadsThem() {
        Schema envelope = ALL_ENVELOPE;
        Struct full = allTypes();
        Struct sparse = new Struct(ALL_ROW)
                .put("i32", 0)
                .put("flag", false)
                .put("text", null)
                .put("f64", 1e300)
                .put("ints", List.of());
        for (Map<String, String> settings : List.of(WORKER_SETTINGS, Map.of("schemas.enable", "true"))) {
            JsonConverter plain = converter(new JsonConverter(), settings);
            CachedSchemaJsonConverter cached = converter(new CachedSchemaJsonConverter(), settings);
            for (Struct value : List.of(
                    new Struct(envelope).put("after", full).put("op", "c"),
                    new Struct(envelope)
                            .put("before", full)
                            .put("after", sparse)
                            .put("op", "u"),
                    new Struct(envelope).put("before", sparse).put("op", "d"),
                    new Struct(envelope).put("after", full).put("op", "r"))) {
                byte[] record = plain.fromConnectData("t", envelope, value);
                assertEquals(
                        plain.toConnectData("t", record),
                        cached.toConnectData("t", record),
                        new String(record, StandardCharsets.UTF_8));
                int payloadStart = new String(record, StandardCharsets.UTF_8).indexOf(",\"payload\":") + 11;
                assertEquals(
                        plain.toConnectData("t", record).value(),
                        new StreamingPayloadReader(!settings.containsKey("replace.null.with.default"))
                                .read(envelope, record, payloadStart, record.length - 1 - payloadStart),
                        "streamed, not left to JsonConverter");
            }
            String json = new String(
                    plain.fromConnectData(
                            "t",
                            envelope,
                            new Struct(envelope).put("after", full).put("op", "c")),
                    StandardCharsets.UTF_8);
            String payload = json.substring(json.indexOf(",\"payload\":") + 11, json.length() - 1);
            String schemaPart = json.substring(0, json.indexOf(",\"payload\":") + 11);
            // written otherwise than JsonConverter writes, or not quite valid: read (or rejected) exactly as
            // JsonConverter does
            for (String other : List.of(
                    "{\"op\":\"c\",\"extra\":{\"x\":[1,{}]},\"after\":" + payload.substring(payload.indexOf("{\"i8\"")),
                    payload.replace("\"i32\":-2147483648", "\"i32\":\"12\""),
                    payload.replace("\"i64\":9223372036854775807", "\"i64\":92233720368547758070"),
                    payload.replace("\"i32\":-2147483648", "\"i32\":1.5"),
                    payload.replace("\"flag\":true", "\"flag\":1"),
                    payload.replace("\"flag\":true,", ""),
                    payload.replace("\"text\":", "\"text\":null,\"unused\":"),
                    payload.replace("\"raw\":\"AP8qBw==\"", "\"raw\":\"not base64!\""),
                    payload.replace("\"raw\":\"AP8qBw==\"", "\"raw\":\"AP8qBw\""),
                    payload.replace("\"raw\":\"AP8qBw==\"", "\"raw\":\"AP8q\\/w==\""),
                    payload + " ",
                    payload + ",\"extra\":1")) {
                byte[] bytes = (schemaPart + other + "}").getBytes(StandardCharsets.UTF_8);
                SchemaAndValue expected;
                try {
                    expected = plain.toConnectData("t", bytes);
                } catch (DataException e) {
                    assertEquals(
                            new SchemaAndValue(null, new Undecodable(e.getMessage())),
                            cached.toConnectData("t", bytes),
                            other);
                    continue;
                }
                assertEquals(expected, cached.toConnectData("t", bytes), other);
            }
        }
    }

    @Test
    void streamsOnlySchemasItReadsAsJsonConverterDoes() {
        assertTrue(StreamingPayloadReader.supports(ENVELOPE.field("op").schema()));
        assertFalse(StreamingPayloadReader.supports(ENVELOPE), "a decimal inside");
        assertFalse(StreamingPayloadReader.supports(
                SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build()));
        assertFalse(StreamingPayloadReader.supports(
                SchemaBuilder.struct().field("f", Schema.FLOAT32_SCHEMA).build()));
        assertFalse(StreamingPayloadReader.supports(SchemaBuilder.struct()
                .field("d", org.apache.kafka.connect.data.Date.SCHEMA)
                .build()));
    }

    @Test
    void endOfObjectSkipsBracesInsideStrings() {
        byte[] json = "x{\"a\":\"}\\\"{\",\"b\":[{}]}tail".getBytes(StandardCharsets.UTF_8);
        assertEquals(json.length - 4, KnownSchemaReader.endOfObject(json, 1));
        assertEquals(-1, KnownSchemaReader.endOfObject(json, 0));
        assertEquals(-1, KnownSchemaReader.endOfObject("{\"a\":{}".getBytes(StandardCharsets.UTF_8), 0));
    }

    @Test
    void streamsWhatJsonConverterWritesForStructsArraysAndPrimitives() {
        Struct sparse = new Struct(ALL_ROW)
                .put("i32", 0)
                .put("flag", false)
                .put("f64", Double.NaN)
                .put("ints", List.of());
        Struct extremes = allTypes()
                .put("f64", Double.NEGATIVE_INFINITY)
                .put("i64", Long.MIN_VALUE)
                .put("text", "")
                .put("raw", new byte[0]);
        for (Map<String, String> settings : List.of(WORKER_SETTINGS, Map.of("schemas.enable", "true"))) {
            JsonConverter plain = converter(new JsonConverter(), settings);
            CachedSchemaJsonConverter cached = converter(new CachedSchemaJsonConverter(), settings);
            StreamingPayloadWriter writer =
                    new StreamingPayloadWriter(!settings.containsKey("replace.null.with.default"));
            for (Struct value : List.of(
                    new Struct(ALL_ENVELOPE).put("after", allTypes()).put("op", "c"),
                    new Struct(ALL_ENVELOPE)
                            .put("before", allTypes())
                            .put("after", sparse)
                            .put("op", "u"),
                    new Struct(ALL_ENVELOPE).put("before", extremes).put("op", "d"),
                    new Struct(ALL_ENVELOPE).put("after", sparse).put("op", "r"))) {
                byte[] expected = plain.fromConnectData("t", ALL_ENVELOPE, value);
                assertArrayEquals(
                        expected,
                        cached.fromConnectData("t", ALL_ENVELOPE, value),
                        new String(expected, StandardCharsets.UTF_8));
                byte[] payload = converter(
                                new JsonConverter(),
                                Map.of(
                                        "schemas.enable",
                                        "false",
                                        "replace.null.with.default",
                                        settings.getOrDefault("replace.null.with.default", "true")))
                        .fromConnectData("t", ALL_ENVELOPE, value);
                assertArrayEquals(
                        payload,
                        writer.write(new byte[0], ALL_ENVELOPE, value, (byte) ' ') == null
                                ? null
                                : Arrays.copyOf(
                                        writer.write(new byte[0], ALL_ENVELOPE, value, (byte) ' '), payload.length),
                        "streamed, not left to JsonConverter");
            }
            // bytes in a buffer: JsonConverter writes them (its way: the whole backing array)
            Struct buffered = new Struct(ALL_ENVELOPE)
                    .put("op", "c")
                    .put("after", allTypes().put("raw", java.nio.ByteBuffer.wrap(new byte[] {1, 2})));
            assertArrayEquals(
                    plain.fromConnectData("t", ALL_ENVELOPE, buffered),
                    cached.fromConnectData("t", ALL_ENVELOPE, buffered));
        }
    }

    private static Struct allTypes() {
        return new Struct(ALL_ROW)
                .put("i8", (byte) -7)
                .put("i32", Integer.MIN_VALUE)
                .put("i64", Long.MAX_VALUE)
                .put("ts", 1_700_000_000_123_456L)
                .put("f64", -0.0)
                .put("flag", true)
                .put("text", "tab\t \"q\" \\ é 𝄞 \u0001 \u2028")
                .put("raw", new byte[] {0, -1, 42, 7})
                .put("ints", Arrays.asList(1, null, -3))
                .put(
                        "items",
                        List.of(
                                new Struct(ITEM).put("n", (short) 9),
                                new Struct(ITEM).put("n", (short) -9).put("b", false)))
                .put("one", new Struct(ITEM).put("n", (short) 1).put("b", true));
    }

    private static Struct envelope(long id, String note, String op) {
        Struct row = new Struct(ROW)
                .put("id", id)
                .put("note", note)
                .put("amount", new BigDecimal("12.50"))
                .put("raw", new byte[] {0, 1, (byte) 255})
                .put("tags", Arrays.asList("a", null, "c"));
        Struct envelope = new Struct(ENVELOPE).put("op", op).put("ts_ms", 1700000000000L + id);
        return "d".equals(op) ? envelope.put("before", row) : envelope.put("after", row);
    }

    private static <C extends org.apache.kafka.connect.storage.Converter> C converter(
            C converter, Map<String, String> settings) {
        converter.configure(settings, false);
        return converter;
    }
}
