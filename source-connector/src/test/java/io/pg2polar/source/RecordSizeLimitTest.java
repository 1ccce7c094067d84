package io.pg2polar.source;

import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordSizeLimitTest {

    private static final Schema SOURCE = SchemaBuilder.struct()
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .build();
    private static final Schema ROW = SchemaBuilder.struct()
            .field("id", Schema.INT32_SCHEMA)
            .field("data", Schema.OPTIONAL_BYTES_SCHEMA)
            .build();
    private static final Schema KEY =
            SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    private static final Schema ENVELOPE =
            SchemaBuilder.struct().field("after", ROW).field("source", SOURCE).build();

    private static SourceRecord change(int bytes) {
        Struct after = new Struct(ROW).put("id", 7).put("data", new byte[bytes]);
        Struct value = new Struct(ENVELOPE)
                .put("after", after)
                .put("source", new Struct(SOURCE).put("schema", "public").put("table", "Big Blobs"));
        return new SourceRecord(
                null, null, "p.public.Big_Blobs", null, KEY, new Struct(KEY).put("id", 7), ENVELOPE, value);
    }

    @Test
    void aRecordBeyondTheLimitIsRefusedNamingTheTableItsKeyAndTheSettings() {
        RecordSizeLimit limit = RecordSizeLimit.of(Map.of(RecordSizeLimit.MAX_REQUEST_SIZE, "1048576"));
        // base64: 786 432 bytes are 1 048 576 characters, past the limit with the envelope around them
        ConnectException refused =
                assertThrows(ConnectException.class, () -> limit.check(List.of(change(1000), change(786_432))));
        assertTrue(refused.getMessage().contains("\"public\".\"Big Blobs\" (key Struct{id=7})"), refused.getMessage());
        assertTrue(refused.getMessage().contains("producer.override.max.request.size = 1048576"), refused.getMessage());
        assertDoesNotThrow(() -> limit.check(List.of(change(700_000))));
    }

    @Test
    void withoutTheConnectorsOwnLimitTheWorkersProducerDecides() {
        assertDoesNotThrow(() -> RecordSizeLimit.of(Map.of()).check(List.of(change(10_000_000))));
    }
}
