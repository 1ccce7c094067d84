package io.pg2polar.common.control;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import io.pg2polar.common.schema.TableDefinition;
import io.pg2polar.common.sql.TableId;

/**
 * A control event saying what a table looks like after a change: written by the source into the table's own
 * topic (so it is applied after exactly the rows that preceded it in the WAL) and copied to
 * {@code <prefix>.schema-changes} for other consumers. Its value schema is named {@value #SCHEMA_NAME} and its
 * records carry the header {@value ControlEvents#HEADER}, so Debezium-aware consumers can tell it from rows.
 *
 * @param kind       {@link Kind#SNAPSHOT} when the migration starts, {@link Kind#DDL} for captured DDL
 * @param command    the command tag, e.g. {@code CREATE TABLE}, {@code ALTER TABLE}, {@code DROP TABLE}
 * @param statement  the DDL text as the source session sent it, for audit; null for snapshots
 * @param table      the table the event is about (its new name after a rename)
 * @param previous   the table's name before a rename, else null
 * @param definition the table after the change; null when it was dropped
 * @param previousDefinition the table before the change, when known: column numbers in both tell a renamed
 *                   column from a dropped and an added one
 * @param lsn        WAL position of the DDL, null for snapshots
 */
public record SchemaChange(
        Kind kind,
        String command,
        String statement,
        TableId table,
        TableId previous,
        TableDefinition definition,
        TableDefinition previousDefinition,
        Long lsn,
        long timestampMillis) {

    public static final String SCHEMA_NAME = "io.pg2polar.control.SchemaChange";

    /** Why the event was sent. */
    public enum Kind {
        SNAPSHOT,
        DDL
    }

    public static final Schema VALUE_SCHEMA = SchemaBuilder.struct()
            .name(SCHEMA_NAME)
            .version(1)
            .doc("pg2polar control event: a table's definition after a change (not a row)")
            .field("kind", Schema.STRING_SCHEMA)
            .field("command", Schema.STRING_SCHEMA)
            .field("statement", Schema.OPTIONAL_STRING_SCHEMA)
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("previous_schema", Schema.OPTIONAL_STRING_SCHEMA)
            .field("previous_table", Schema.OPTIONAL_STRING_SCHEMA)
            .field(
                    "definition",
                    SchemaBuilder.string()
                            .optional()
                            .doc("JSON, see io.pg2polar.common.schema.TableDefinition")
                            .build())
            .field(
                    "previous_definition",
                    SchemaBuilder.string()
                            .optional()
                            .doc("JSON of the table before the change")
                            .build())
            .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .build();

    public boolean isDrop() {
        return definition == null;
    }

    public boolean isRename() {
        return previous != null && !previous.equals(table);
    }

    public Struct toStruct() {
        return new Struct(VALUE_SCHEMA)
                .put("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                .put("command", command)
                .put("statement", statement)
                .put("schema", table.schema())
                .put("table", table.table())
                .put("previous_schema", previous == null ? null : previous.schema())
                .put("previous_table", previous == null ? null : previous.table())
                .put("definition", definition == null ? null : definition.toJson())
                .put("previous_definition", previousDefinition == null ? null : previousDefinition.toJson())
                .put("lsn", lsn)
                .put("ts_ms", timestampMillis);
    }

    /** Reads an event written by {@link #toStruct()}. */
    public static SchemaChange fromStruct(Struct value) {
        String previousTable = value.getString("previous_table");
        return new SchemaChange(
                Kind.valueOf(value.getString("kind").toUpperCase(java.util.Locale.ROOT)),
                value.getString("command"),
                value.getString("statement"),
                new TableId(value.getString("schema"), value.getString("table")),
                previousTable == null ? null : new TableId(value.getString("previous_schema"), previousTable),
                definition(value, "definition"),
                definition(value, "previous_definition"),
                value.getInt64("lsn"),
                value.getInt64("ts_ms"));
    }

    private static TableDefinition definition(Struct value, String field) {
        String json = value.schema().field(field) == null ? null : value.getString(field);
        return json == null ? null : TableDefinition.fromJson(json);
    }
}
