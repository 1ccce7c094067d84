package io.pg2polar.source;

import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class SentRecordTest {

    @Test
    void keepsEveryPartOfTheRecordButIsEqualOnlyToItself() {
        SourceRecord record = new SourceRecord(
                Map.of("server", "s"),
                Map.of("lsn", 7L),
                "topic",
                0,
                Schema.STRING_SCHEMA,
                "key",
                Schema.BYTES_SCHEMA,
                new byte[512 * 1024],
                1234L);
        record.headers().addString("h", "v");
        List<SourceRecord> sent = SentRecord.of(List.of(record, record));
        SourceRecord first = sent.get(0);
        assertEquals(record.toString(), first.toString());
        assertEquals(record.headers(), first.headers());
        assertSame(record.value(), first.value());
        assertNotEquals(first, sent.get(1), "two sends of equal records are two records to acknowledge");
        assertEquals(first, first);
        assertSame(first, SentRecord.of(List.of(first)).get(0));
    }
}
