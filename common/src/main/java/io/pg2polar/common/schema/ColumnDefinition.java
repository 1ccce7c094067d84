package io.pg2polar.common.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One column of a source table.
 *
 * @param attnum    the column's number: a rename keeps it, so it tells a rename from a drop and an add
 * @param type      SQL type as {@code format_type} prints it, schema-qualified for user types
 * @param typeName  the type's own name ({@code int4}, {@code date}, {@code _mood} for arrays)
 * @param default_  default expression, or null
 * @param generated the expression of a stored generated column, or null
 * @param identity  {@code a} (ALWAYS) or {@code d} (BY DEFAULT) for identity columns, else null
 * @param inherited true for a partition's columns, which come from its parent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnDefinition(
        int attnum,
        String name,
        String type,
        String typeName,
        String typeSchema,
        boolean notNull,

        @com.fasterxml.jackson.annotation.JsonProperty("default")
        String default_,

        String generated,
        String identity,
        boolean inherited,
        String collation,
        String comment) {

    /** True for {@code date} columns, which PolarDB-O stores as {@code timestamp(0)}. */
    public boolean isDate() {
        return "date".equals(typeName) && "pg_catalog".equals(typeSchema);
    }
}
