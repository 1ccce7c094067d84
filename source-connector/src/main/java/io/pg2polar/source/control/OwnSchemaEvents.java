package io.pg2polar.source.control;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.relational.TableId;

import io.pg2polar.common.control.Heartbeat;
import io.pg2polar.common.control.SchemaChange;
import io.pg2polar.common.schema.ColumnDefinition;
import io.pg2polar.common.schema.TableDefinition;
import io.pg2polar.source.schema.ColumnSelection;
import io.pg2polar.source.schema.StreamableNames;

/**
 * Turns the rows pg2polar writes into its own schema on the source into control events, in the position the WAL
 * gave them among the rows. A row DDL capture writes into {@code pg2polar.ddl_log} becomes a schema-change event
 * in the topic of the table it changes (and, for a rename, in the old name's topic too, after that table's last
 * rows), plus the copy for consumers; a heartbeat written into {@code pg2polar.heartbeat} by this migration
 * becomes a heartbeat event. Every other record of pg2polar's own schema (snapshot reads, other migrations'
 * heartbeats) is dropped; all other records pass unchanged.
 */
public final class OwnSchemaEvents {

    static final String OWN_SCHEMA = "pg2polar";
    private static final String LOG_TABLE = "ddl_log";

    private final ControlRecords records;
    private final Predicate<TableId> captured;

    private final String slot;
    private final ColumnSelection columns;

    public OwnSchemaEvents(PostgresConnectorConfig config) {
        this.records = new ControlRecords(config);
        this.slot = config.slotName();
        this.columns = new ColumnSelection(config);
        var filter = config.getTableFilters().dataCollectionFilter();
        this.captured = filter::isIncluded;
    }

    public List<SourceRecord> transform(List<SourceRecord> polled) {
        if (polled == null) {
            return null;
        }
        List<SourceRecord> result = new ArrayList<>(polled.size());
        for (SourceRecord record : polled) {
            Struct source = sourceBlock(record);
            if (source == null || !OWN_SCHEMA.equals(source.getString("schema"))) {
                result.add(record);
            } else if (LOG_TABLE.equals(source.getString("table")) && isStreamedInsert(record)) {
                result.addAll(schemaChangeRecords(record, source));
            } else if (Heartbeat.TABLE.equals(source.getString("table")) && isStreamedWrite(record)) {
                heartbeatRecord(record, source).ifPresent(result::add);
            }
        }
        return result;
    }

    private List<SourceRecord> schemaChangeRecords(SourceRecord logRow, Struct source) {
        Struct row = ((Struct) logRow.value()).getStruct("after");
        io.pg2polar.common.sql.TableId table =
                new io.pg2polar.common.sql.TableId(row.getString("schema_name"), row.getString("table_name"));
        String previousTable = row.getString("previous_table");
        io.pg2polar.common.sql.TableId previous = previousTable == null
                ? null
                : new io.pg2polar.common.sql.TableId(row.getString("previous_schema"), previousTable);
        if (!captured.test(debeziumId(table)) && (previous == null || !captured.test(debeziumId(previous)))) {
            return List.of();
        }
        TableDefinition after = definition(row, "definition");
        if (after != null && captured.test(debeziumId(table))) {
            refuseUnstreamable(table, after, row.getString("command_tag"));
        }
        SchemaChange change = new SchemaChange(
                SchemaChange.Kind.DDL,
                row.getString("command_tag"),
                row.getString("statement"),
                table,
                previous,
                columns.apply(after),
                columns.apply(definition(row, "previous_definition")),
                lsn(source),
                source.getInt64("ts_ms"));
        List<SourceRecord> out =
                new ArrayList<>(records.schemaChange(change, logRow.sourcePartition(), logRow.sourceOffset()));
        if (change.isRename()) {
            out.add(0, records.tableRecord(previous, change, null, null));
        }
        return out;
    }

    /**
     * A table created, renamed or altered into a name or columns Debezium cannot stream: its changes would stop the
     * task with a parser's stack trace, so the task stops here, before them, naming it and the fix.
     */
    private static void refuseUnstreamable(
            io.pg2polar.common.sql.TableId table, TableDefinition after, String command) {
        List<String> names =
                after.columns().stream().map(ColumnDefinition::name).toList();
        StreamableNames.problem(table.schema(), table.table(), names).ifPresent(problem -> {
            throw new ConnectException(
                    StreamableNames.streamingRefusal(table.schema(), table.table(), problem, command));
        });
    }

    private java.util.Optional<SourceRecord> heartbeatRecord(SourceRecord row, Struct source) {
        Struct after = ((Struct) row.value()).getStruct("after");
        if (after == null || !slot.equals(after.getString("slot_name"))) {
            return java.util.Optional.empty();
        }
        Heartbeat heartbeat =
                new Heartbeat(slot, ((Number) after.get("beat_at_ms")).longValue(), source.getInt64("ts_ms"));
        return java.util.Optional.of(records.heartbeat(heartbeat, row.sourcePartition(), row.sourceOffset()));
    }

    private static TableDefinition definition(Struct row, String field) {
        Object json = row.get(field);
        return json == null ? null : TableDefinition.fromJson(json.toString());
    }

    private static Long lsn(Struct source) {
        return source.schema().field("lsn") == null ? null : source.getInt64("lsn");
    }

    private static TableId debeziumId(io.pg2polar.common.sql.TableId table) {
        return new TableId(null, table.schema(), table.table());
    }

    private static boolean isStreamedInsert(SourceRecord record) {
        Struct value = (Struct) record.value();
        return "c".equals(value.getString("op"));
    }

    private static boolean isStreamedWrite(SourceRecord record) {
        String op = ((Struct) record.value()).getString("op");
        return "c".equals(op) || "u".equals(op);
    }

    private static Struct sourceBlock(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("source") == null) {
            return null;
        }
        Struct source = value.getStruct("source");
        return source != null
                        && source.schema().field("schema") != null
                        && source.schema().field("table") != null
                ? source
                : null;
    }
}
