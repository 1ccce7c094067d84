package io.pg2polar.sink.event;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.pg2polar.common.ChangeEventConventions;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.value.PgTextEncoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DebeziumEnvelopeDecoderTest {

    private static final Schema ROW = SchemaBuilder.struct()
            .name("row")
            .optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("doc", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final Schema SOURCE = SchemaBuilder.struct()
            .name("source")
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .build();
    private static final Schema ENVELOPE = SchemaBuilder.struct()
            .name("envelope")
            .field("before", ROW)
            .field("after", ROW)
            .field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA)
            .build();

    private final DebeziumEnvelopeDecoder decoder =
            new DebeziumEnvelopeDecoder(new PgTextEncoder(ChangeEventConventions.UNAVAILABLE_VALUE_PLACEHOLDER));

    @Test
    void takesTheTableFromTheSourceBlockAndSkipsUnavailableColumns() {
        Struct after = new Struct(ROW).put("id", 7L).put("doc", ChangeEventConventions.UNAVAILABLE_VALUE_PLACEHOLDER);
        ChangeEvent event = decoder.decode(record(envelope("u", null, after))).orElseThrow();
        assertEquals(new TableId("sales", "orders"), event.table());
        assertEquals(Operation.UPDATE, event.operation());
        assertTrue(event.after().has("id"));
        assertFalse(event.after().has("doc"));
    }

    /** Debezium gives a column with a DEFAULT that default in its schema; Struct.get would put it in place of NULL. */
    @Test
    void aNullInAColumnWithADefaultStaysNull() {
        Schema defaulted = SchemaBuilder.struct()
                .name("row")
                .optional()
                .field("id", Schema.INT64_SCHEMA)
                .field(
                        "note",
                        SchemaBuilder.string()
                                .optional()
                                .defaultValue("fallback")
                                .build())
                .build();
        Schema envelope = SchemaBuilder.struct()
                .name("envelope")
                .field("after", defaulted)
                .field("source", SOURCE)
                .field("op", Schema.STRING_SCHEMA)
                .build();
        Struct value = new Struct(envelope)
                .put("after", new Struct(defaulted).put("id", 1L).put("note", null))
                .put("source", new Struct(SOURCE).put("schema", "sales").put("table", "orders"))
                .put("op", "c");
        ChangeEvent event = decoder.decode(new SinkRecord("p.sales.orders", 0, null, null, envelope, value, 0))
                .orElseThrow();
        assertTrue(event.after().has("note"));
        assertNull(event.after().get("note"));
    }

    @Test
    void tombstonesAndLogicalMessagesCarryNothingToApply() {
        assertTrue(decoder.decode(new SinkRecord("t", 0, null, null, null, null, 1))
                .isEmpty());
        assertTrue(decoder.decode(record(envelope("m", null, null))).isEmpty());
    }

    @Test
    void somethingElseIsAMalformedRecordNamingItsPosition() {
        MalformedRecordException e = assertThrows(
                MalformedRecordException.class,
                () -> decoder.decode(new SinkRecord("orders", 2, null, null, Schema.STRING_SCHEMA, "hello", 42)));
        assertTrue(e.getMessage().contains("orders[2]@42"));
        assertThrows(MalformedRecordException.class, () -> decoder.decode(record(envelope("c", null, null))));
    }

    private static Struct envelope(String op, Struct before, Struct after) {
        Struct source = new Struct(SOURCE).put("schema", "sales").put("table", "orders");
        return new Struct(ENVELOPE)
                .put("before", before)
                .put("after", after)
                .put("source", source)
                .put("op", op);
    }

    private static SinkRecord record(Struct value) {
        return new SinkRecord("p.sales.orders", 0, null, null, ENVELOPE, value, 0);
    }
}
