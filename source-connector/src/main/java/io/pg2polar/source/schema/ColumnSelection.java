package io.pg2polar.source.schema;

import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.relational.Tables.ColumnNameFilter;

import io.pg2polar.common.schema.TableDefinition;

/**
 * Column-level selection: the columns Debezium leaves out of the rows ({@code column.include.list} /
 * {@code column.exclude.list}) are left out of the table definitions too, so schema migration and DDL
 * replication create on the target exactly the columns the rows carry.
 */
public final class ColumnSelection {

    private final ColumnNameFilter filter;

    public ColumnSelection(PostgresConnectorConfig config) {
        this.filter = config.getColumnFilter();
    }

    /** The definition with only the selected columns (and the constraints and indexes on them). */
    public TableDefinition apply(TableDefinition definition) {
        if (definition == null) {
            return null;
        }
        return definition.withoutColumns(
                column -> !filter.matches(null, definition.schema(), definition.name(), column));
    }
}
