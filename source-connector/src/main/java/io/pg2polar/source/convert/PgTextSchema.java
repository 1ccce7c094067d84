package io.pg2polar.source.convert;

import org.apache.kafka.connect.data.SchemaBuilder;

import io.debezium.spi.converter.RelationalColumn;

import io.pg2polar.common.ChangeEventConventions;

/**
 * The Connect schema of a column value carried as PostgreSQL's own text output: a string named
 * {@value #NAME}, with the source column's type name in the {@value #TYPE_PARAMETER} parameter.
 */
public final class PgTextSchema {

    /** The logical name the sink recognises; the sink's {@code PgTextEncoder} spells the same string. */
    public static final String NAME = ChangeEventConventions.PG_TEXT_SCHEMA;

    /** Schema parameter holding the source column's type name, e.g. {@code timetz} or {@code _int4}. */
    public static final String TYPE_PARAMETER = "pg2polar.type";

    private PgTextSchema() {}

    static SchemaBuilder builder(RelationalColumn column) {
        return SchemaBuilder.string().name(NAME).parameter(TYPE_PARAMETER, column.typeName());
    }
}
