package io.pg2polar.source.transforms;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.pg2polar.common.control.ChunkText;
import io.pg2polar.common.control.CopyChunk;
import io.pg2polar.common.control.CopyText;
import io.pg2polar.common.sql.TableId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MaskColumnsTest {

    private static final Schema ROW = SchemaBuilder.struct()
            .name("customer.Value")
            .optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("email", Schema.OPTIONAL_STRING_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final Schema SOURCE = SchemaBuilder.struct()
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .build();
    private static final Schema ENVELOPE = SchemaBuilder.struct()
            .name("customer.Envelope")
            .field("before", ROW)
            .field("after", ROW)
            .field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA)
            .build();

    @Test
    void masksTheNamedColumnsInBothRowImagesAndKeepsNulls() {
        try (MaskColumns<SourceRecord> mask = new MaskColumns<>()) {
            mask.configure(Map.of("columns", "public.customer.email", "replacement", "***"));
            Struct before = new Struct(ROW)
                    .put("id", 1L)
                    .put("email", "old@example.com")
                    .put("name", "Ann");
            Struct after = new Struct(ROW).put("id", 1L).put("email", null).put("name", "Ann B");
            SourceRecord masked = mask.apply(record("public", "customer", before, after));

            Struct value = (Struct) masked.value();
            assertEquals("***", value.getStruct("before").getString("email"));
            assertNull(value.getStruct("after").getString("email"), "NULL stays NULL");
            assertEquals("Ann B", value.getStruct("after").getString("name"));
            assertEquals("old@example.com", before.getString("email"), "the original record is left alone");
        }
    }

    @Test
    void otherTablesPassUnchanged() {
        try (MaskColumns<SourceRecord> mask = new MaskColumns<>()) {
            mask.configure(Map.of("columns", "public.customer.email"));
            SourceRecord other = record(
                    "sales", "customer", null, new Struct(ROW).put("id", 2L).put("email", "x@example.com"));
            assertSame(other, mask.apply(other));
        }
    }

    @Test
    void masksTheColumnInEveryLineOfACopyChunk() {
        try (MaskColumns<SourceRecord> mask = new MaskColumns<>()) {
            mask.configure(Map.of("columns", "public.customer.email", "replacement", "***"));
            byte[] lines = "1\tann@example.com\tAnn\n2\t\\N\tBo\\tb\n".getBytes(StandardCharsets.UTF_8);
            CopyChunk chunk = new CopyChunk(
                    new TableId("public", "customer"),
                    List.of("id", "email", "name"),
                    42L,
                    0,
                    2,
                    ChunkText.of(lines),
                    true,
                    false,
                    1L);
            SourceRecord masked =
                    mask.apply(new SourceRecord(null, null, "t", CopyChunk.VALUE_SCHEMA, chunk.toStruct()));

            CopyChunk result = CopyChunk.fromStruct((Struct) masked.value());
            assertEquals(
                    List.of(List.of("1", "***", "Ann"), Arrays.asList("2", null, "Bo\tb")),
                    CopyText.parse(result.data().text()));
            assertEquals(2, result.rows());
        }
    }

    @Test
    void columnsMustBeSchemaQualified() {
        try (MaskColumns<SourceRecord> mask = new MaskColumns<>()) {
            assertThrows(ConfigException.class, () -> mask.configure(Map.of("columns", "customer.email")));
        }
    }

    private static SourceRecord record(String schema, String table, Struct before, Struct after) {
        Struct envelope = new Struct(ENVELOPE)
                .put("before", before)
                .put("after", after)
                .put("source", new Struct(SOURCE).put("schema", schema).put("table", table))
                .put("op", "u");
        return new SourceRecord(Map.of(), Map.of(), "t", ENVELOPE, envelope);
    }
}
