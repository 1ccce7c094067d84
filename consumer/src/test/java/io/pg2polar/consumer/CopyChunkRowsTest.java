package io.pg2polar.consumer;

import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

import io.pg2polar.common.control.ChunkText;
import io.pg2polar.common.control.CopyChunk;
import io.pg2polar.common.sql.TableId;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CopyChunkRowsTest {

    @Test
    void eachLineBecomesAReadEventWithTheStreamedSchemaAndRepresentation() {
        List<CopyChunkRows.RowEvent> events =
                CopyChunkRows.expand(ChunkFixture.chunk(ChunkFixture.ROW_EVENTS).toStruct());

        assertEquals(2, events.size());
        CopyChunkRows.RowEvent first = events.get(0);
        assertEquals(ChunkFixture.KEY, first.keySchema());
        assertEquals(1, first.key().getInt32("id"));
        assertEquals(ChunkFixture.ENVELOPE, first.valueSchema());
        Struct envelope = first.value();
        assertEquals("r", envelope.getString("op"));
        assertNull(envelope.get("before"));
        assertEquals("true", envelope.getStruct("source").getString("snapshot"));
        assertEquals(1_700_000_000_000L, envelope.getInt64("ts_ms"));
        Struct row = envelope.getStruct("after");
        assertEquals("1234.56", row.getString("cost"));
        assertEquals("1.50", row.getString("price"));
        assertEquals("2024-01-01 10:00:00.500000", row.getString("at"));
        assertEquals(86_400_000_000L, row.getInt64("opens"));
        assertArrayEquals(new byte[] {0x0a, (byte) 0xff}, row.getBytes("photo"));
        assertEquals(true, row.getBoolean("sold"));

        Struct second = events.get(1).value().getStruct("after");
        assertEquals("second\ttab", second.getString("name"));
        assertNull(second.get("cost"));
        assertEquals("NaN", second.getString("price"));
        assertEquals(49_501_000_001L, second.getInt64("opens"));
        assertNull(second.get("photo"));
    }

    @Test
    void aChunkExpandsTheSameAfterTravellingThroughJsonConverter() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true", "replace.null.with.default", "false"), false);
        Struct chunk = ChunkFixture.chunk(ChunkFixture.ROW_EVENTS).toStruct();
        SchemaAndValue read = converter.toConnectData(
                "it.public.item", converter.fromConnectData("it.public.item", chunk.schema(), chunk));

        assertTrue(CopyChunkRows.isCopyChunk(read.schema()));
        assertEquals(CopyChunkRows.expand(chunk), CopyChunkRows.expand((Struct) read.value()));
    }

    @Test
    void theFullLoadsEmptyEndMarkerExpandsToNothing() {
        CopyChunk end = new CopyChunk(
                new TableId("public", "item"),
                ChunkFixture.COLUMNS,
                7L,
                3,
                0,
                ChunkText.of(new byte[0]),
                true,
                true,
                1L);
        assertTrue(CopyChunkRows.expand(end.toStruct()).isEmpty());
    }

    @Test
    void aChunkThatDoesNotDescribeItsRowsIsRefusedWithTheFix() {
        DataException refused = assertThrows(
                DataException.class,
                () -> CopyChunkRows.expand(ChunkFixture.chunk(null).toStruct()));
        assertTrue(
                refused.getMessage().contains("public.item")
                        && refused.getMessage().contains("snapshot.transport=rows"),
                refused.getMessage());
    }
}
