package io.pg2polar.consumer;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import io.pg2polar.common.ChangeEventConventions;
import io.pg2polar.common.control.ChunkText;
import io.pg2polar.common.control.CopyChunk;
import io.pg2polar.common.control.RowEvents;
import io.pg2polar.common.sql.TableId;

/** A copy chunk of table {@code public.item} as the source writes it, with schemas shaped like Debezium's. */
final class ChunkFixture {

    static final Schema KEY = SchemaBuilder.struct()
            .name("it.public.item.Key")
            .field("id", Schema.INT32_SCHEMA)
            .build();
    static final Schema ROW = SchemaBuilder.struct()
            .name("it.public.item.Value")
            .optional()
            .field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field(
                    "price",
                    SchemaBuilder.string()
                            .name(ChangeEventConventions.PG_TEXT_SCHEMA)
                            .parameter("pg2polar.type", "numeric")
                            .optional()
                            .build())
            .field(
                    "at",
                    SchemaBuilder.string()
                            .name(ChangeEventConventions.PG_TEXT_SCHEMA)
                            .parameter("pg2polar.type", "timestamp")
                            .optional()
                            .build())
            .field(
                    "opens",
                    SchemaBuilder.int64()
                            .name("io.debezium.time.MicroTime")
                            .optional()
                            .build())
            .field("photo", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("cost", Schema.OPTIONAL_STRING_SCHEMA)
            .field("sold", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .build();
    static final Schema SOURCE = SchemaBuilder.struct()
            .name("io.debezium.connector.postgresql.Source")
            .field("name", Schema.STRING_SCHEMA)
            .field("snapshot", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    static final Schema ENVELOPE = SchemaBuilder.struct()
            .name("it.public.item.Envelope")
            .version(2)
            .field("before", ROW)
            .field("after", ROW)
            .field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .build();
    static final List<String> COLUMNS = List.of("id", "cost", "name", "price", "at", "opens", "photo", "sold");
    static final RowEvents ROW_EVENTS = RowEvents.of(
            List.of("int4", "money", "text", "numeric", "timestamp", "time", "bytea", "bool"),
            KEY,
            ENVELOPE,
            new Struct(SOURCE).put("name", "it").put("snapshot", "true"));
    static final String LINES = "1\t$1,234.56\tfirst\t1.50\t2024-01-01 10:00:00.5\t24:00:00\t\\\\x0aff\tt\n"
            + "2\t\\N\tsecond\\ttab\tNaN\t\\N\t13:45:01.000001\t\\N\tf\n";

    private ChunkFixture() {}

    static CopyChunk chunk(RowEvents rowEvents) {
        return new CopyChunk(
                new TableId("public", "item"),
                COLUMNS,
                7L,
                0,
                2,
                ChunkText.of(LINES.getBytes(StandardCharsets.UTF_8)),
                true,
                false,
                1_700_000_000_000L,
                null,
                rowEvents);
    }
}
