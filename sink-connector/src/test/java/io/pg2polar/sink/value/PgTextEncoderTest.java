package io.pg2polar.sink.value;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

import io.pg2polar.common.ChangeEventConventions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PgTextEncoderTest {

    private final PgTextEncoder encoder = new PgTextEncoder(ChangeEventConventions.UNAVAILABLE_VALUE_PLACEHOLDER);

    @Test
    void primitivesKeepTheirExactText() {
        assertEquals("-9223372036854775808", encoder.encode(Schema.INT64_SCHEMA, Long.MIN_VALUE));
        assertEquals("true", encoder.encode(Schema.BOOLEAN_SCHEMA, true));
        assertEquals(
                "12345678901234567890.000000000000000001",
                encoder.encode(Schema.STRING_SCHEMA, "12345678901234567890.000000000000000001"));
        assertEquals("NaN", encoder.encode(Schema.FLOAT64_SCHEMA, Double.NaN));
        assertEquals("-Infinity", encoder.encode(Schema.FLOAT32_SCHEMA, Float.NEGATIVE_INFINITY));
        assertEquals("-0.0", encoder.encode(Schema.FLOAT64_SCHEMA, -0.0d));
        assertEquals("0.1", encoder.encode(Schema.FLOAT64_SCHEMA, 0.1d));
        assertNull(encoder.encode(Schema.OPTIONAL_STRING_SCHEMA, null));
    }

    @Test
    void bytesBecomeHexByteaInput() {
        assertEquals("\\x00ff10", encoder.encode(Schema.BYTES_SCHEMA, new byte[] {0, -1, 16}));
        assertEquals("\\x0102", encoder.encode(Schema.BYTES_SCHEMA, ByteBuffer.wrap(new byte[] {1, 2})));
    }

    @Test
    void decimalsArePlainStrings() {
        Schema schema = Decimal.schema(3);
        assertEquals("0.000", encoder.encode(schema, new BigDecimal("0E-3")));
        assertEquals(
                "100000000000000000000.123", encoder.encode(schema, new BigDecimal("1.00000000000000000000123E+20")));
    }

    @Test
    void debeziumTemporalTypesIncludingBeforeChrist() {
        Schema date = SchemaBuilder.int32().name("io.debezium.time.Date").build();
        assertEquals("2024-02-29", encoder.encode(date, (int)
                LocalDate.of(2024, 2, 29).toEpochDay()));
        // ISO year -43 is 44 BC
        assertEquals("0044-03-15 BC", encoder.encode(date, (int)
                LocalDate.of(-43, 3, 15).toEpochDay()));
        Schema micro =
                SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").build();
        assertEquals("1969-12-31 23:59:59.999999", encoder.encode(micro, -1L));
        assertEquals("2024-01-01 10:00:00.123456", encoder.encode(micro, 1_704_103_200_123_456L));
        Schema microTime =
                SchemaBuilder.int64().name("io.debezium.time.MicroTime").build();
        assertEquals("24:00:00", encoder.encode(microTime, 86_400_000_000L));
        assertEquals("13:45:01.000001", encoder.encode(microTime, 49_501_000_001L));
        Schema zoned =
                SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").build();
        assertEquals("2024-01-01T10:00:00.5+05:30", encoder.encode(zoned, "2024-01-01T10:00:00.5+05:30"));
    }

    @Test
    void arraysQuoteEveryElementAndKeepNulls() {
        Schema texts = SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build();
        assertEquals(
                "{\"a,b\",NULL,\"NULL\",\"q\\\"\\\\\",\"{}\"}",
                encoder.encode(texts, Arrays.asList("a,b", null, "NULL", "q\"\\", "{}")));
        Schema matrix = SchemaBuilder.array(
                        SchemaBuilder.array(Schema.INT32_SCHEMA).build())
                .build();
        assertEquals("{{\"1\",\"2\"},{\"3\",\"4\"}}", encoder.encode(matrix, List.of(List.of(1, 2), List.of(3, 4))));
    }

    @Test
    void postgresTextFromTheSourceConverterPassesThroughUnchanged() {
        Schema pgText =
                SchemaBuilder.string().name(PgTextEncoder.PG_TEXT).optional().build();
        for (String text : List.of(
                "00:00:00-08",
                "[0:1]={7,8}",
                "{{1,2},{3,NULL}}",
                "NaN",
                "-0.0",
                "infinity",
                "0044-03-15 BC",
                "(\"Main St 1\",,{},infinity)",
                "")) {
            assertEquals(text, encoder.encode(pgText, text));
        }
        assertTrue(encoder.isUnavailable(ChangeEventConventions.UNAVAILABLE_VALUE_PLACEHOLDER));
        assertNull(encoder.encode(pgText, null));
    }

    @Test
    void recognisesTheUnchangedToastPlaceholder() {
        String placeholder = ChangeEventConventions.UNAVAILABLE_VALUE_PLACEHOLDER;
        assertTrue(encoder.isUnavailable(placeholder));
        assertTrue(encoder.isUnavailable(placeholder.getBytes(StandardCharsets.UTF_8)));
        assertTrue(encoder.isUnavailable(ByteBuffer.wrap(placeholder.getBytes(StandardCharsets.UTF_8))));
        assertTrue(encoder.isUnavailable(List.of(placeholder)));
        List<Integer> asInts = new java.util.ArrayList<>();
        List<Long> asLongs = new java.util.ArrayList<>();
        for (byte b : placeholder.getBytes(StandardCharsets.UTF_8)) {
            asInts.add((int) b);
            asLongs.add((long) b);
        }
        assertTrue(encoder.isUnavailable(asInts), "int[] columns get the placeholder bytes as ints");
        assertTrue(encoder.isUnavailable(asLongs), "bigint[] columns get them as longs");
        assertTrue(encoder.isUnavailable(List.of(java.util
                .UUID
                .nameUUIDFromBytes(placeholder.getBytes(StandardCharsets.UTF_8))
                .toString())));
        assertTrue(encoder.isUnavailable(java.util.Map.of(placeholder, placeholder)));
        assertFalse(encoder.isUnavailable(List.of(1, 2, 3)));
        assertFalse(encoder.isUnavailable("__debezium"));
        assertFalse(encoder.isUnavailable(null));
    }
}
