package io.pg2polar.sink.value;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

import io.pg2polar.common.ChangeEventConventions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Debezium-native arrays (a source without the pgtext converter): every element quoted is valid array input for any
 * element type, since quoting only protects the element text, which the element type's own input then parses.
 */
class ArrayTextTest {

    private final PgTextEncoder encoder = new PgTextEncoder(ChangeEventConventions.UNAVAILABLE_VALUE_PLACEHOLDER);

    @Test
    void byteaElementsKeepTheirBackslashThroughTheArrayQuoting() {
        Schema schema = SchemaBuilder.array(Schema.OPTIONAL_BYTES_SCHEMA).build();
        // the literal holds \\x00ff, array input unescapes it to \x00ff, which bytea input reads as two bytes
        assertEquals(
                "{\"\\\\x00ff\",NULL,\"\\\\x\"}",
                encoder.encode(
                        schema,
                        Arrays.asList(ByteBuffer.wrap(new byte[] {0, -1}), null, ByteBuffer.wrap(new byte[0]))));
    }

    @Test
    void jsonbInetAndTimestamptzElementsAreTheirOwnText() {
        Schema json = SchemaBuilder.array(SchemaBuilder.string()
                        .name("io.debezium.data.Json")
                        .optional()
                        .build())
                .build();
        assertEquals(
                "{\"{\\\"a\\\": [1, 2.50]}\",\"\\\"s\\\"\"}",
                encoder.encode(json, List.of("{\"a\": [1, 2.50]}", "\"s\"")));
        Schema inet = SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build();
        assertEquals("{\"192.168.0.1/24\",\"::1\"}", encoder.encode(inet, List.of("192.168.0.1/24", "::1")));
        Schema zoned = SchemaBuilder.array(SchemaBuilder.string()
                        .name("io.debezium.time.ZonedTimestamp")
                        .optional()
                        .build())
                .build();
        assertEquals(
                "{\"2024-01-01T04:30:00.000000Z\"}", encoder.encode(zoned, List.of("2024-01-01T04:30:00.000000Z")));
    }

    @Test
    void compositeElementsKeepTheirInnerQuotes() {
        Schema schema = SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build();
        assertEquals(
                "{\"(\\\"Main St 1\\\",1,\\\"{x,y}\\\",)\",\"(,,,)\"}",
                encoder.encode(schema, List.of("(\"Main St 1\",1,\"{x,y}\",)", "(,,,)")));
    }

    @Test
    void nestedListsAreDimensionsNotQuotedElements() {
        Schema matrix = SchemaBuilder.array(
                        SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build())
                .build();
        assertEquals(
                "{{\"a\",NULL},{\"c\",\"d\"}}",
                encoder.encode(matrix, List.of(Arrays.asList("a", null), List.of("c", "d"))));
    }
}
