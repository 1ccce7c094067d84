package io.pg2polar.common.control;

import java.util.List;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * What the rows of a {@link CopyChunk} are as standard Debezium change events: the table's key and envelope schemas as
 * Debezium builds them for the table's streamed changes, the {@code source} block of a snapshot read, and each column's
 * PostgreSQL root type (which says how its COPY text becomes the streamed representation). Carried by every chunk, so
 * a consumer can turn any chunk into {@code op: r} events on its own, after a restart anywhere in the topic.
 *
 * <p>A Connect schema cannot be a value, so the two schemas travel as the item schemas of two array fields whose value
 * is always null: every converter writes a field's schema whether or not it has a value.
 *
 * @param columnTypes root type name of each column of the chunk, in the chunk's column order (e.g. {@code int4},
 *                    {@code timestamptz}, {@code _text}; a domain's base type)
 * @param keySchema   the records' key schema, null for a table without a primary key (Debezium sends no key)
 * @param envelopeSchema the records' value schema: Debezium's envelope with {@code before}, {@code after} and {@code source}
 * @param source      the {@code source} block of the table's snapshot rows
 * @param chunkSchema the value schema of chunks that carry this (one object per table, so converters cache it)
 */
public record RowEvents(
        List<String> columnTypes, Schema keySchema, Schema envelopeSchema, Struct source, Schema chunkSchema) {

    static final String FIELD = "row_events";
    private static final String COLUMN_TYPES = "column_types";
    private static final String KEY_SCHEMA = "key_schema";
    private static final String VALUE_SCHEMA = "value_schema";
    private static final String SOURCE = "source";

    /** The description of a table's rows, with the chunk schema that carries it. */
    public static RowEvents of(List<String> columnTypes, Schema keySchema, Schema envelopeSchema, Struct source) {
        SchemaBuilder rowEvents = SchemaBuilder.struct()
                .name(ControlEvents.SCHEMA_PREFIX + "RowEvents")
                .optional()
                .doc("The chunk's rows as Debezium change events (op r): how to expand them without the source")
                .field(
                        COLUMN_TYPES,
                        SchemaBuilder.array(Schema.STRING_SCHEMA)
                                .doc("PostgreSQL root type of each column")
                                .build());
        if (keySchema != null) {
            rowEvents.field(
                    KEY_SCHEMA,
                    SchemaBuilder.array(keySchema)
                            .optional()
                            .doc("always null: its item schema is the key schema of the table's change events")
                            .build());
        }
        rowEvents
                .field(
                        VALUE_SCHEMA,
                        SchemaBuilder.array(envelopeSchema)
                                .optional()
                                .doc(
                                        "always null: its item schema is the value schema (envelope) of the table's change events")
                                .build())
                .field(SOURCE, source.schema());
        SchemaBuilder chunk = SchemaBuilder.struct()
                .name(CopyChunk.SCHEMA_NAME)
                .version(CopyChunk.VERSION_WITH_ROW_EVENTS)
                .doc(CopyChunk.VALUE_SCHEMA.doc());
        for (Field field : CopyChunk.VALUE_SCHEMA.fields()) {
            chunk.field(field.name(), field.schema());
        }
        chunk.field(FIELD, rowEvents.build());
        return new RowEvents(List.copyOf(columnTypes), keySchema, envelopeSchema, source, chunk.build());
    }

    /** What a chunk's value carries, keeping the value's own schema; null when it carries nothing (older chunks). */
    static RowEvents fromChunk(Struct chunk) {
        Field field = chunk.schema().field(FIELD);
        Struct value = field == null ? null : chunk.getStruct(FIELD);
        if (value == null) {
            return null;
        }
        Field key = value.schema().field(KEY_SCHEMA);
        return new RowEvents(
                value.getArray(COLUMN_TYPES),
                key == null ? null : key.schema().valueSchema(),
                value.schema().field(VALUE_SCHEMA).schema().valueSchema(),
                value.getStruct(SOURCE),
                chunk.schema());
    }

    /** The {@value #FIELD} value of a chunk with this schema. */
    Struct toStruct() {
        return new Struct(chunkSchema.field(FIELD).schema())
                .put(COLUMN_TYPES, columnTypes)
                .put(SOURCE, source);
    }

    /** The schema of the rows themselves: the envelope's {@code after}. */
    public Schema rowSchema() {
        return envelopeSchema.field("after").schema();
    }
}
