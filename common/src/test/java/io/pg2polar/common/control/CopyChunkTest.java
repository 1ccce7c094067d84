package io.pg2polar.common.control;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

import io.pg2polar.common.convert.CachedSchemaJsonConverter;
import io.pg2polar.common.sql.TableId;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CopyChunkTest {

    private static final byte[] TEXT = "1\t1\t0\t        \n2\t1\t0\t        \n3\t\\N\t-5\tnaïve \\t tab\n"
            .repeat(2000)
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void textTravelsCompressedAndComesBackExactThroughBothConverters() {
        CopyChunk chunk = new CopyChunk(
                new TableId("public", "accounts"),
                List.of("aid", "bid", "abalance", "filler"),
                42L,
                3,
                6000,
                ChunkText.of(TEXT),
                false,
                false,
                7L);
        assertTrue(
                chunk.data().wire().length < TEXT.length / 10,
                "repetitive rows compress: " + chunk.data().wire().length);
        for (var converter : List.of(new JsonConverter(), new CachedSchemaJsonConverter())) {
            converter.configure(Map.of("schemas.enable", "true"), false);
            byte[] json = converter.fromConnectData("t", CopyChunk.VALUE_SCHEMA, chunk.toStruct());
            assertTrue(json.length < TEXT.length / 5, "the record holds the compressed text: " + json.length);
            CopyChunk read = CopyChunk.fromStruct(
                    (Struct) converter.toConnectData("t", json).value());
            assertArrayEquals(TEXT, read.data().text());
            assertEquals(List.of("aid", "bid", "abalance", "filler"), read.columns());
            assertEquals(6000, read.rows());
        }
    }

    @Test
    void theRowsDescriptionTravelsWithTheChunkThroughBothConverters() {
        Schema key = SchemaBuilder.struct()
                .name("t.public.accounts.Key")
                .field("aid", Schema.INT32_SCHEMA)
                .build();
        Schema row = SchemaBuilder.struct()
                .name("t.public.accounts.Value")
                .optional()
                .field("aid", Schema.INT32_SCHEMA)
                .field(
                        "filler",
                        SchemaBuilder.string()
                                .optional()
                                .parameter("__debezium.source.column.type", "BPCHAR")
                                .build())
                .build();
        Schema source = SchemaBuilder.struct()
                .name("io.debezium.connector.postgresql.Source")
                .field("name", Schema.STRING_SCHEMA)
                .build();
        Schema envelope = SchemaBuilder.struct()
                .name("t.public.accounts.Envelope")
                .version(2)
                .field("before", row)
                .field("after", row)
                .field("source", source)
                .field("op", Schema.STRING_SCHEMA)
                .build();
        RowEvents rowEvents =
                RowEvents.of(List.of("int4", "bpchar"), key, envelope, new Struct(source).put("name", "t"));
        CopyChunk chunk = new CopyChunk(
                        new TableId("public", "accounts"),
                        List.of("aid", "filler"),
                        42L,
                        0,
                        6000,
                        ChunkText.of(TEXT),
                        true,
                        false,
                        7L)
                .with(rowEvents);
        for (var converter : List.of(new JsonConverter(), new CachedSchemaJsonConverter())) {
            converter.configure(Map.of("schemas.enable", "true"), false);
            Struct value = chunk.toStruct();
            Struct read = (Struct) converter
                    .toConnectData("t", converter.fromConnectData("t", value.schema(), value))
                    .value();
            RowEvents described = CopyChunk.fromStruct(read).rowEvents();
            assertEquals(key, described.keySchema());
            assertEquals(envelope, described.envelopeSchema());
            assertEquals(List.of("int4", "bpchar"), described.columnTypes());
            assertEquals("t", described.source().getString("name"));
            assertArrayEquals(TEXT, CopyChunk.fromStruct(read).data().text());
        }
        assertEquals(
                chunk.toStruct().schema(),
                chunk.with(chunk.table(), chunk.columns(), chunk.data())
                        .toStruct()
                        .schema(),
                "masking and name mapping keep the description");
    }

    @Test
    void aChunkOfTheFirstVersionCarriesItsTextPlain() {
        Schema version1 = SchemaBuilder.struct()
                .name(CopyChunk.SCHEMA_NAME)
                .version(1)
                .field("schema", Schema.STRING_SCHEMA)
                .field("table", Schema.STRING_SCHEMA)
                .field("columns", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
                .field("snapshot_lsn", Schema.INT64_SCHEMA)
                .field("sequence", Schema.INT64_SCHEMA)
                .field("rows", Schema.INT64_SCHEMA)
                .field("data", Schema.BYTES_SCHEMA)
                .field("last_in_table", Schema.BOOLEAN_SCHEMA)
                .field("last", Schema.BOOLEAN_SCHEMA)
                .field("ts_ms", Schema.INT64_SCHEMA)
                .build();
        Struct old = new Struct(version1)
                .put("schema", "public")
                .put("table", "t")
                .put("columns", List.of("id"))
                .put("snapshot_lsn", 1L)
                .put("sequence", 0L)
                .put("rows", 1L)
                .put("data", "1\n".getBytes(StandardCharsets.UTF_8))
                .put("last_in_table", true)
                .put("last", true)
                .put("ts_ms", 0L);
        assertArrayEquals(
                "1\n".getBytes(StandardCharsets.UTF_8),
                CopyChunk.fromStruct(old).data().text());
    }

    @Test
    void anEmptyChunkStaysEmptyAndACorruptBlockIsRefused() {
        assertEquals(0, ChunkText.of(new byte[0]).text().length);
        ChunkText good = ChunkText.of(TEXT);
        byte[] corrupt = good.wire().clone();
        corrupt[corrupt.length / 2] ^= 0x7f;
        corrupt[1] = (byte) 0xff;
        assertThrows(RuntimeException.class, () -> new ChunkText(corrupt, good.length()).text());
    }
}
