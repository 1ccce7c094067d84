package io.pg2polar.source.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.relational.TableId;

import io.pg2polar.common.control.SchemaChange;
import io.pg2polar.common.schema.TableDefinition;
import io.pg2polar.source.control.ControlRecords;

/**
 * Schema migration: when a migration starts, the definition of every captured table, as schema-change events
 * the task emits before Debezium's first row, so the sink can create each table before its rows arrive.
 */
public final class SchemaSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaSnapshot.class);

    private SchemaSnapshot() {}

    public static List<SourceRecord> read(Connection connection, PostgresConnectorConfig config, Clock clock)
            throws SQLException {
        return read(connection, config, clock, t -> true);
    }

    /** The definitions of the captured tables {@code wanted} takes (tables added to a migration's selection, say). */
    public static List<SourceRecord> read(
            Connection connection,
            PostgresConnectorConfig config,
            Clock clock,
            java.util.function.Predicate<io.pg2polar.common.sql.TableId> wanted)
            throws SQLException {
        ControlRecords records = new ControlRecords(config);
        List<SourceRecord> result = new ArrayList<>();
        Map<TableId, Long> tables = new java.util.LinkedHashMap<>(CapturedTables.list(connection, config));
        tables.keySet().removeIf(t -> !wanted.test(new io.pg2polar.common.sql.TableId(t.schema(), t.table())));
        ColumnSelection columns = new ColumnSelection(config);
        Map<Long, TableDefinition> definitions = TableDefinitionReader.readAll(connection, tables.values());
        for (Map.Entry<TableId, Long> table : tables.entrySet()) {
            TableDefinition definition = columns.apply(definitions.get(table.getValue()));
            if (definition != null) {
                SchemaChange change = new SchemaChange(
                        SchemaChange.Kind.SNAPSHOT,
                        "CREATE TABLE",
                        null,
                        definition.id(),
                        null,
                        definition,
                        null,
                        null,
                        clock.millis());
                result.addAll(records.schemaChange(change));
            }
        }
        LOG.info("Schema migration: sending the definitions of {} tables ahead of their rows", tables.size());
        return result;
    }
}
