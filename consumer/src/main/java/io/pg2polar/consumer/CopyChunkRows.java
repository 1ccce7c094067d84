package io.pg2polar.consumer;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import io.pg2polar.common.ChangeEventConventions;
import io.pg2polar.common.control.CopyChunk;
import io.pg2polar.common.control.CopyText;
import io.pg2polar.common.control.RowEvents;

/**
 * Expands a full-load copy chunk into the standard Debezium change events of its rows ({@code op: r}), with the key and
 * value schemas of the table's streamed changes and every value in the representation its streamed changes carry. All
 * it needs travels in the chunk itself ({@link RowEvents}), so it holds no state and any chunk, read from anywhere in a
 * topic, expands on its own. For Connect-based consumers and stream processors; {@link ExpandCopyChunks} does it for
 * any Kafka consumer.
 */
public final class CopyChunkRows {

    private CopyChunkRows() {}

    /** One row's change event: key (null for a table without a primary key) and envelope. */
    public record RowEvent(Schema keySchema, Struct key, Schema valueSchema, Struct value) {}

    /** True when a record value is a copy chunk (its schema is named {@value CopyChunk#SCHEMA_NAME}). */
    public static boolean isCopyChunk(Schema valueSchema) {
        return valueSchema != null && CopyChunk.SCHEMA_NAME.equals(valueSchema.name());
    }

    /**
     * The chunk's rows as change events, in the chunk's order.
     *
     * @param chunkValue a copy chunk's record value
     * @throws DataException when the chunk cannot be expanded: written by a pg2polar that did not describe its rows, or a
     *                       column whose representation this does not reproduce (both named in the message)
     */
    public static List<RowEvent> expand(Struct chunkValue) {
        CopyChunk chunk = CopyChunk.fromStruct(chunkValue);
        if (chunk.rows() == 0) {
            // the full load's end marker, or a table without rows
            return List.of();
        }
        RowEvents rowEvents = chunk.rowEvents();
        if (rowEvents == null) {
            throw new DataException("The copy chunk of " + chunk.table() + " (snapshot position "
                    + chunk.snapshotPosition() + ", chunk "
                    + chunk.sequence()
                    + ") does not describe its rows as change events: it was written by a pg2polar source older"
                    + " than its consumer support, or the source could not describe them (its log says why). Run the full load again"
                    + " with a current source, or use snapshot.transport=rows.");
        }
        Schema rowSchema = rowEvents.rowSchema();
        int[] positions = positions(chunk, rowSchema);
        List<RowEvent> events = new ArrayList<>((int) chunk.rows());
        for (List<String> line : CopyText.parse(chunk.data().text())) {
            Struct row = new Struct(rowSchema);
            for (Field field : rowSchema.fields()) {
                int position = positions[field.index()];
                row.put(field, value(chunk, field, rowEvents.columnTypes().get(position), line.get(position)));
            }
            events.add(new RowEvent(
                    rowEvents.keySchema(),
                    key(rowEvents.keySchema(), row),
                    rowEvents.envelopeSchema(),
                    envelope(rowEvents, row, chunk.timestampMillis())));
        }
        return events;
    }

    /** Where each field of the row schema is in the chunk's lines. */
    private static int[] positions(CopyChunk chunk, Schema rowSchema) {
        int[] positions = new int[rowSchema.fields().size()];
        for (Field field : rowSchema.fields()) {
            positions[field.index()] = chunk.columns().indexOf(field.name());
            if (positions[field.index()] < 0) {
                throw new DataException("The copy chunk of " + chunk.table() + " has no column " + field.name()
                        + " of its row schema;" + " its columns: " + chunk.columns());
            }
        }
        return positions;
    }

    private static Object value(CopyChunk chunk, Field field, String rootType, String text) {
        if (text == null) {
            return null;
        }
        try {
            if (ChangeEventConventions.PG_TEXT_SCHEMA.equals(field.schema().name())) {
                return PgTextRepresentation.of(rootType, text);
            }
            return DebeziumRepresentation.of(field.schema(), rootType, text);
        } catch (UnsupportedOperationException e) {
            throw new DataException(
                    "Cannot expand column " + field.name() + " of " + chunk.table() + " (" + rootType
                            + "): its change events"
                            + " carry it as " + describe(field.schema())
                            + ", which only Debezium itself produces from a row. Keep pg2polar's"
                            + " defaults for converters, decimal.handling.mode, time.precision.mode and binary.handling.mode on the source, or"
                            + " use snapshot.transport=rows.",
                    e);
        } catch (RuntimeException e) {
            throw new DataException(
                    "Cannot read the value of column " + field.name() + " of " + chunk.table() + " (" + rootType + "): "
                            + e.getMessage(),
                    e);
        }
    }

    private static Struct key(Schema keySchema, Struct row) {
        if (keySchema == null) {
            return null;
        }
        Struct key = new Struct(keySchema);
        for (Field field : keySchema.fields()) {
            key.put(field, row.getWithoutDefault(field.name()));
        }
        return key;
    }

    private static Struct envelope(RowEvents rowEvents, Struct row, long timestampMillis) {
        Schema schema = rowEvents.envelopeSchema();
        Struct envelope = new Struct(schema)
                .put("after", row)
                .put("source", rowEvents.source())
                .put("op", "r")
                .put("ts_ms", timestampMillis);
        if (schema.field("ts_us") != null) {
            envelope.put("ts_us", timestampMillis * 1_000L);
        }
        if (schema.field("ts_ns") != null) {
            envelope.put("ts_ns", timestampMillis * 1_000_000L);
        }
        return envelope;
    }

    private static String describe(Schema schema) {
        return schema.type().getName() + (schema.name() == null ? "" : " " + schema.name());
    }
}
