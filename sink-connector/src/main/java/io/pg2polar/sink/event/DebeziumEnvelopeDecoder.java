package io.pg2polar.sink.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

import io.pg2polar.common.control.ControlEvents;
import io.pg2polar.common.control.CopyChunk;
import io.pg2polar.common.control.Heartbeat;
import io.pg2polar.common.control.SchemaChange;
import io.pg2polar.common.control.SequenceState;
import io.pg2polar.common.convert.Undecodable;
import io.pg2polar.common.naming.NameMapping;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.mapping.MappedNames;
import io.pg2polar.sink.value.PgTextEncoder;

/**
 * Decodes Debezium change envelopes ({@code before}, {@code after}, {@code source}, {@code op}) and pg2polar's
 * schema-change control events into {@link ChangeEvent}s; control events of other kinds are skipped. The table
 * comes from the {@code source} block, not the topic name, so topic renames by SMTs do not redirect rows.
 */
public final class DebeziumEnvelopeDecoder {

    private final PgTextEncoder encoder;
    private final MappedNames names;

    public DebeziumEnvelopeDecoder(PgTextEncoder encoder) {
        this(encoder, NameMapping.IDENTITY);
    }

    /** @param mapping how source names become target names; every event leaves the decoder with target names */
    public DebeziumEnvelopeDecoder(PgTextEncoder encoder, NameMapping mapping) {
        this.encoder = encoder;
        this.names = new MappedNames(mapping);
    }

    /**
     * @return the event, or empty for records that carry no change to apply (tombstones, logical messages)
     * @throws MalformedRecordException when the record is not a Debezium change event
     */
    public Optional<ChangeEvent> decode(SinkRecord record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        if (record.value() instanceof Undecodable undecodable) {
            throw new MalformedRecordException(
                    record, "the converter could not read its bytes (" + undecodable.problem() + ")");
        }
        if (!(record.value() instanceof Struct envelope)) {
            throw new MalformedRecordException(
                    record,
                    "its value is a " + record.value().getClass().getSimpleName() + ", not a Struct with a schema");
        }
        Schema schema = envelope.schema();
        if (ControlEvents.isControl(schema)) {
            return switch (schema.name()) {
                case SchemaChange.SCHEMA_NAME ->
                    Optional.of(ChangeEvent.of(names.change(SchemaChange.fromStruct(envelope)), record));
                case SequenceState.SCHEMA_NAME ->
                    Optional.of(ChangeEvent.of(names.sequences(SequenceState.fromStruct(envelope)), record));
                case Heartbeat.SCHEMA_NAME -> Optional.of(ChangeEvent.of(Heartbeat.fromStruct(envelope), record));
                case CopyChunk.SCHEMA_NAME ->
                    Optional.of(ChangeEvent.of(names.chunk(CopyChunk.fromStruct(envelope)), record));
                default -> Optional.empty();
            };
        }
        if (schema.field("op") == null || schema.field("source") == null) {
            throw new MalformedRecordException(record, "its value has no 'op' or 'source' field");
        }
        Operation operation = Operation.fromCode(envelope.getString("op"));
        if (operation == null) {
            return Optional.empty();
        }
        Struct source = envelope.getStruct("source");
        TableId sourceTable = tableOf(record, source);
        TableId table = names.table(sourceTable);
        try {
            RowImage before = image(envelope, "before", sourceTable);
            RowImage after = image(envelope, "after", sourceTable);
            if (operation.writesRow() && after == null) {
                throw new MalformedRecordException(
                        record, "a '" + envelope.getString("op") + "' event without an 'after' row");
            }
            return Optional.of(new ChangeEvent(table, operation, before, after, record));
        } catch (DataException e) {
            if (e instanceof MalformedRecordException) {
                throw e;
            }
            throw new MalformedRecordException(record, e.getMessage());
        }
    }

    private static TableId tableOf(SinkRecord record, Struct source) {
        if (source == null
                || source.schema().field("schema") == null
                || source.schema().field("table") == null) {
            throw new MalformedRecordException(record, "its 'source' block names no schema and table");
        }
        return new TableId(source.getString("schema"), source.getString("table"));
    }

    private RowImage image(Struct envelope, String fieldName, TableId sourceTable) {
        if (envelope.schema().field(fieldName) == null) {
            return null;
        }
        Struct row = envelope.getStruct(fieldName);
        if (row == null) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Field field : row.schema().fields()) {
            // Struct.get would return the field's schema default for a NULL; Debezium gives every column with a
            // DEFAULT that default, so a NULL in such a column would arrive as the default
            Object value = row.getWithoutDefault(field.name());
            if (!encoder.isUnavailable(value)) {
                values.put(field.name(), encoder.encode(field.schema(), value));
            }
        }
        return new RowImage(names.columns(sourceTable, values));
    }
}
