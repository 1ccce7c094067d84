package io.pg2polar.source.copy;

import java.nio.charset.Charset;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import io.debezium.config.CommonConnectorConfig;
import io.debezium.connector.postgresql.Module;
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.connector.postgresql.PostgresType;
import io.debezium.connector.postgresql.PostgresValueConverter;
import io.debezium.connector.postgresql.TypeRegistry;
import io.debezium.connector.postgresql.connection.PostgresConnection;
import io.debezium.converters.custom.CustomConverterServiceProvider;
import io.debezium.relational.Column;
import io.debezium.relational.CustomConverterRegistry;
import io.debezium.relational.Table;
import io.debezium.relational.TableSchema;
import io.debezium.relational.TableSchemaBuilder;
import io.debezium.relational.Tables;
import io.debezium.relational.mapping.ColumnMappers;

import io.pg2polar.common.control.RowEvents;
import io.pg2polar.common.sql.TableId;

/**
 * What the copied tables' rows are as Debezium change events ({@link RowEvents}), built the way Debezium builds the
 * schemas of its streamed changes: its type registry, value converters, the configured custom converters (pgtext),
 * column filter and mappers, key mapper and topic naming, over the tables as the snapshot's catalog shows them. Two
 * things make a streamed change's table differ from the one Debezium reads through JDBC, and both are applied here as
 * Debezium's pgoutput decoder applies them: generated columns are left out (pgoutput does not send them, nor does COPY
 * read them), and each column's length and scale come from its type modifier (JDBC reports an unconstrained numeric
 * as length 0 without scale, a relation message as 131089 with scale 0).
 */
final class RowEventSchemas {

    private static final String TYPE_MODIFIERS = """
            SELECT n.nspname, c.relname, a.attname, a.atttypid, a.atttypmod
            FROM unnest(?::text[], ?::text[]) AS w (nspname, relname)
            JOIN pg_catalog.pg_namespace n ON n.nspname = w.nspname
            JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = w.relname
            JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped""";

    /** A column's type and type modifier, as a pgoutput relation message gives them. */
    private record ColumnType(int oid, int modifier) {}

    private RowEventSchemas() {}

    /**
     * @param snapshotMillis when the snapshot was taken, for the rows' {@code source} block
     */
    static Map<TableId, RowEvents> read(
            PostgresConnectorConfig config, ExportedSnapshot snapshot, List<TableCopy> plan, long snapshotMillis)
            throws SQLException {
        return read(config, snapshot, snapshot.walPosition(), plan, snapshotMillis);
    }

    /**
     * @param snapshot       the catalog to read the tables in; null: the current one (a load that goes on, or a table's
     *                       load begun while changes stream)
     * @param walPosition    where the tables' load begins, for the rows' {@code source} block
     * @param snapshotMillis when the snapshot was taken, for the rows' {@code source} block
     */
    static Map<TableId, RowEvents> read(
            PostgresConnectorConfig config,
            ExportedSnapshot snapshot,
            long walPosition,
            List<TableCopy> plan,
            long snapshotMillis)
            throws SQLException {
        if (plan.isEmpty()) {
            return Map.of();
        }
        Set<TableId> copied = new HashSet<>();
        plan.forEach(copy -> copied.add(copy.table()));
        try (PostgresConnection plain = new PostgresConnection(config.getJdbcConfig(), "pg2polar-full-load-schemas")) {
            TypeRegistry types = new TypeRegistry(plain);
            Charset charset = plain.getDatabaseCharset();
            PostgresValueConverter values = PostgresValueConverter.of(config, charset, types);
            try (PostgresConnection connection = new PostgresConnection(
                    config.getJdbcConfig(), types, registry -> values, "pg2polar-full-load-schemas")) {
                if (snapshot != null) {
                    snapshot.importInto(connection.connection());
                } else {
                    connection.connection().setAutoCommit(false);
                }
                Tables tables = new Tables();
                connection.readSchema(
                        tables, null, null, id -> copied.contains(new TableId(id.schema(), id.table())), null, true);
                CustomConverterRegistry converters =
                        new CustomConverterServiceProvider().createService(config.getConfig(), null);
                TableSchemaBuilder builder = new TableSchemaBuilder(
                        values,
                        connection.getDefaultValueConverter(),
                        config.schemaNameAdjuster(),
                        converters,
                        config.getSourceInfoStructMaker().schema(),
                        config.getFieldNamer(),
                        false,
                        config.getEventConvertingFailureHandlingMode());
                Map<TableId, Map<String, ColumnType>> columnTypes = columnTypes(connection, copied);
                var topics = config.getTopicNamingStrategy(CommonConnectorConfig.TOPIC_NAMING_STRATEGY);
                ColumnMappers mappers = ColumnMappers.create(config);
                Map<TableId, RowEvents> result = new HashMap<>();
                for (io.debezium.relational.TableId id : tables.tableIds()) {
                    TableId table = new TableId(id.schema(), id.table());
                    Map<String, ColumnType> typesOfTable = columnTypes.getOrDefault(table, Map.of());
                    Table streamed = asStreamed(connection, tables.forTable(id), typesOfTable, types);
                    TableSchema schema =
                            builder.create(topics, streamed, config.getColumnFilter(), mappers, config.getKeyMapper());
                    result.put(
                            table,
                            RowEvents.of(
                                    rootTypes(columnsOf(connection, config, plan, table), typesOfTable, types),
                                    schema.keySchema(),
                                    schema.getEnvelopeSchema().schema(),
                                    source(config, table, walPosition, snapshotMillis)));
                }
                connection.rollback();
                return result;
            }
        }
    }

    /**
     * The table as Debezium's pgoutput decoder builds it from a relation message: no generated columns, sized by type
     * modifier, keyed by the first unique index when there is no primary key.
     */
    private static Table asStreamed(
            PostgresConnection connection, Table table, Map<String, ColumnType> columnTypes, TypeRegistry types)
            throws SQLException {
        List<Column> columns = new ArrayList<>();
        for (Column column : table.filterColumns(c -> !c.isGenerated())) {
            ColumnType type = columnTypes.get(column.name());
            columns.add(type == null ? column : sized(column, types.get(type.oid()), type.modifier()));
        }
        List<String> key = new ArrayList<>(table.primaryKeyColumnNames());
        if (key.isEmpty()) {
            key.addAll(connection.readTableUniqueIndices(connection.connection().getMetaData(), table.id()));
        }
        key.retainAll(columns.stream().map(Column::name).toList());
        return table.edit().setColumns(columns).setPrimaryKeyNames(key).create();
    }

    /** Length and scale as Debezium's {@code ColumnMetaData} derives them from a relation message. */
    private static Column sized(Column column, PostgresType type, int modifier) {
        if (type.isVector()) {
            return column.edit()
                    .length(modifier != TypeRegistry.NO_TYPE_MODIFIER ? modifier : Column.UNSET_INT_VALUE)
                    .scale(0)
                    .create();
        }
        if (modifier != TypeRegistry.NO_TYPE_MODIFIER && type.getTypeInfo() != null) {
            return column.edit()
                    .length(type.getTypeInfo().getPrecision(type.getOid(), modifier))
                    .scale(type.getTypeInfo().getScale(type.getOid(), modifier))
                    .create();
        }
        return column.edit()
                .length(type.getDefaultLength())
                .scale(type.getDefaultScale())
                .create();
    }

    private static Map<TableId, Map<String, ColumnType>> columnTypes(PostgresConnection connection, Set<TableId> tables)
            throws SQLException {
        Map<TableId, Map<String, ColumnType>> result = new HashMap<>();
        java.sql.Connection jdbc = connection.connection();
        try (PreparedStatement statement = jdbc.prepareStatement(TYPE_MODIFIERS)) {
            statement.setArray(
                    1,
                    jdbc.createArrayOf(
                            "text", tables.stream().map(TableId::schema).toArray()));
            statement.setArray(
                    2,
                    jdbc.createArrayOf(
                            "text", tables.stream().map(TableId::table).toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(new TableId(rs.getString(1), rs.getString(2)), t -> new HashMap<>())
                            .put(rs.getString(3), new ColumnType(rs.getInt(4), rs.getInt(5)));
                }
            }
        }
        return result;
    }

    /** The columns the table's chunks carry, in their order, as they are now (chunks read them again under their lock). */
    private static List<String> columnsOf(
            PostgresConnection connection, PostgresConnectorConfig config, List<TableCopy> plan, TableId table)
            throws SQLException {
        return plan.stream()
                .filter(copy -> copy.table().equals(table))
                .findFirst()
                .orElseThrow()
                .columns(connection.connection(), config.getColumnFilter());
    }

    /** The root type of each copied column, in the copy's order: a domain's base type decides how its text is read. */
    private static List<String> rootTypes(
            List<String> columns, Map<String, ColumnType> columnTypes, TypeRegistry types) {
        List<String> rootTypes = new ArrayList<>(columns.size());
        for (String name : columns) {
            ColumnType type = columnTypes.get(name);
            rootTypes.add(
                    type == null
                            ? "unknown"
                            : types.get(type.oid()).getRootType().getName());
        }
        return rootTypes;
    }

    /** The {@code source} block of a row Debezium's own snapshot would have read at the snapshot's position. */
    private static Struct source(PostgresConnectorConfig config, TableId table, long walPosition, long snapshotMillis) {
        Schema schema = config.getSourceInfoStructMaker().schema();
        Struct source = new Struct(schema);
        Map<String, Object> values = new HashMap<>();
        values.put("version", Module.version());
        values.put("connector", Module.name());
        values.put("name", config.getLogicalName());
        values.put("ts_ms", snapshotMillis);
        values.put("ts_us", snapshotMillis * 1_000L);
        values.put("ts_ns", snapshotMillis * 1_000_000L);
        values.put("snapshot", "true");
        values.put("db", config.databaseName());
        values.put("schema", table.schema());
        values.put("table", table.table());
        values.put("lsn", walPosition);
        values.forEach((field, value) -> {
            if (schema.field(field) != null) {
                source.put(field, value);
            }
        });
        source.validate();
        return source;
    }
}
