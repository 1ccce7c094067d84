package io.pg2polar.common.control;

import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import io.pg2polar.common.sql.TableId;

/**
 * A control event carrying many snapshot rows of one table at once, in PostgreSQL's COPY text format exactly as
 * {@code COPY ... TO STDOUT} wrote it on the source: the full-load path of {@code snapshot.transport=copy}. Neither
 * side parses or rebuilds a row, and the target reads the source's own text output, so every type arrives exactly.
 * Sent into the table's own topic, ahead of the table's streamed changes, with the header
 * {@value ControlEvents#HEADER} = {@code copy-chunk}.
 *
 * @param table        the source table
 * @param columns      the columns of each line, in order
 * @param snapshotPosition the WAL position the snapshot was taken at: chunks of a newer snapshot of a table first
 *                     empty it on the target (the earlier attempt was interrupted)
 * @param sequence     0 for the table's first chunk of this snapshot, then 1, 2, ...
 * @param rows         how many lines {@code data} holds
 * @param data         the lines, each ended by a newline, LZ4-compressed ({@link ChunkText})
 * @param lastInTable  whether this is the table's last chunk of the snapshot
 * @param lastInSnapshot whether this is the last chunk of the whole snapshot
 * @param step         where this record stands in its table's chunked load; null for the one-snapshot load of versions
 *                     1 and 2
 * @param rowEvents    the rows as Debezium change events (schemas, source block, column types), for other consumers
 *                     that expand chunks into {@code op: r} events; null in chunks written before 2026-12-04
 */
public record CopyChunk(
        TableId table,
        List<String> columns,
        long snapshotPosition,
        long sequence,
        long rows,
        ChunkText data,
        boolean lastInTable,
        boolean lastInSnapshot,
        long timestampMillis,
        LoadStep step,
        RowEvents rowEvents) {

    /**
     * Where a record stands in its table's chunked full load (design decision 30): a load reads the table in chunks,
     * each in its own transaction, and a chunk travels as one or more of these records.
     *
     * @param chunk    the chunk's number in the table's load, from 0
     * @param chunks   how many chunks the table's load has, as far as the source knows
     * @param chunkEnd whether this is the chunk's last record
     * @param begins   a marker without rows: the table's load begins here (rows of an earlier load of it go)
     * @param replaces the chunk holds the whole table: empty it first (a table without a primary key)
     */
    public record LoadStep(long chunk, long chunks, boolean chunkEnd, boolean begins, boolean replaces) {}

    public static final String SCHEMA_NAME = "io.pg2polar.control.CopyChunk";
    public static final String HEADER_VALUE = "copy-chunk";
    /** The schema version of chunks that carry {@link RowEvents}; its fields are those of {@link #VALUE_SCHEMA} and one more. */
    static final int VERSION_WITH_ROW_EVENTS = 4;

    private static final String TEXT_BYTES = "text_bytes";
    private static final String CHUNK = "chunk";
    private static final String CHUNKS = "chunks";
    private static final String CHUNK_END = "chunk_end";
    private static final String BEGINS = "begins";
    private static final String REPLACES = "replaces";

    public static final Schema VALUE_SCHEMA = SchemaBuilder.struct()
            .name(SCHEMA_NAME)
            .version(3)
            .doc("pg2polar control event: snapshot rows of one table in PostgreSQL COPY text format (not a single row)")
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("columns", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("snapshot_lsn", Schema.INT64_SCHEMA)
            .field("sequence", Schema.INT64_SCHEMA)
            .field("rows", Schema.INT64_SCHEMA)
            .field(
                    "data",
                    SchemaBuilder.bytes()
                            .doc("COPY text format, UTF-8, one line per row; an LZ4 block (lz4-java"
                                    + " LZ4Compressor) when text_bytes is set")
                            .build())
            .field(
                    TEXT_BYTES,
                    SchemaBuilder.int32()
                            .optional()
                            .doc("length of the COPY text that data decompresses to;"
                                    + " absent or null: data is the text itself")
                            .build())
            .field("last_in_table", Schema.BOOLEAN_SCHEMA)
            .field("last", Schema.BOOLEAN_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field(
                    CHUNK,
                    SchemaBuilder.int64()
                            .optional()
                            .doc("the chunk's number in the table's chunked load, from 0; absent or null:"
                                    + " a load read in one snapshot")
                            .build())
            .field(
                    CHUNKS,
                    SchemaBuilder.int64()
                            .optional()
                            .doc("how many chunks the table's load has, as far as the source knows")
                            .build())
            .field(
                    CHUNK_END,
                    SchemaBuilder.bool()
                            .optional()
                            .doc("whether this is the chunk's last record")
                            .build())
            .field(
                    BEGINS,
                    SchemaBuilder.bool()
                            .optional()
                            .doc("a marker without rows: the table's load begins here")
                            .build())
            .field(
                    REPLACES,
                    SchemaBuilder.bool()
                            .optional()
                            .doc("the chunk holds the whole table, which is emptied first")
                            .build())
            .build();

    /** A chunk that carries no description of its rows as change events. */
    public CopyChunk(
            TableId table,
            List<String> columns,
            long snapshotPosition,
            long sequence,
            long rows,
            ChunkText data,
            boolean lastInTable,
            boolean lastInSnapshot,
            long timestampMillis) {
        this(
                table,
                columns,
                snapshotPosition,
                sequence,
                rows,
                data,
                lastInTable,
                lastInSnapshot,
                timestampMillis,
                null,
                null);
    }

    public Struct toStruct() {
        Struct value = new Struct(rowEvents == null ? VALUE_SCHEMA : rowEvents.chunkSchema());
        if (rowEvents != null) {
            value.put(RowEvents.FIELD, rowEvents.toStruct());
        }
        return value.put("schema", table.schema())
                .put("table", table.table())
                .put("columns", columns)
                .put("snapshot_lsn", snapshotPosition)
                .put("sequence", sequence)
                .put("rows", rows)
                .put("data", data.wire())
                .put(TEXT_BYTES, data.length() == ChunkText.PLAIN ? null : data.length())
                .put("last_in_table", lastInTable)
                .put("last", lastInSnapshot)
                .put("ts_ms", timestampMillis)
                .put(CHUNK, step == null ? null : step.chunk())
                .put(CHUNKS, step == null ? null : step.chunks())
                .put(CHUNK_END, step == null ? null : step.chunkEnd())
                .put(BEGINS, step == null ? null : step.begins())
                .put(REPLACES, step == null ? null : step.replaces());
    }

    public static CopyChunk fromStruct(Struct value) {
        Object data = value.get("data");
        byte[] bytes = data instanceof java.nio.ByteBuffer buffer ? toArray(buffer) : (byte[]) data;
        // version 1 had no text_bytes: its data is the text
        Integer textBytes = value.schema().field(TEXT_BYTES) == null ? null : value.getInt32(TEXT_BYTES);
        return new CopyChunk(
                new TableId(value.getString("schema"), value.getString("table")),
                value.getArray("columns"),
                value.getInt64("snapshot_lsn"),
                value.getInt64("sequence"),
                value.getInt64("rows"),
                new ChunkText(bytes, textBytes == null ? ChunkText.PLAIN : textBytes),
                value.getBoolean("last_in_table"),
                value.getBoolean("last"),
                value.getInt64("ts_ms"),
                step(value),
                RowEvents.fromChunk(value));
    }

    private static LoadStep step(Struct value) {
        if (value.schema().field(CHUNK) == null || value.getInt64(CHUNK) == null) {
            return null;
        }
        return new LoadStep(
                value.getInt64(CHUNK),
                value.getInt64(CHUNKS),
                Boolean.TRUE.equals(value.getBoolean(CHUNK_END)),
                Boolean.TRUE.equals(value.getBoolean(BEGINS)),
                Boolean.TRUE.equals(value.getBoolean(REPLACES)));
    }

    /** The same rows under other names (name mapping) or with other data (masking). */
    public CopyChunk with(TableId newTable, List<String> newColumns, ChunkText newData) {
        return new CopyChunk(
                newTable,
                newColumns,
                snapshotPosition,
                sequence,
                rows,
                newData,
                lastInTable,
                lastInSnapshot,
                timestampMillis,
                step,
                rowEvents);
    }

    /** The same chunk, describing its rows as change events. */
    public CopyChunk with(RowEvents newRowEvents) {
        return new CopyChunk(
                table,
                columns,
                snapshotPosition,
                sequence,
                rows,
                data,
                lastInTable,
                lastInSnapshot,
                timestampMillis,
                step,
                newRowEvents);
    }

    private static byte[] toArray(java.nio.ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
