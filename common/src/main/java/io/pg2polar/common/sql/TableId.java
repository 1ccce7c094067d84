package io.pg2polar.common.sql;

import java.util.Objects;

/** A schema-qualified table name, unquoted. */
public record TableId(String schema, String table) implements Comparable<TableId> {

    public TableId {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    /** The name quoted for SQL: {@code "schema"."table"}. */
    public String quoted() {
        return Identifiers.qualify(schema, table);
    }

    @Override
    public int compareTo(TableId other) {
        int bySchema = schema.compareTo(other.schema);
        return bySchema != 0 ? bySchema : table.compareTo(other.table);
    }

    @Override
    public String toString() {
        return schema + '.' + table;
    }
}
