package io.pg2polar.source.convert;

import java.util.Properties;

import org.apache.kafka.connect.data.SchemaBuilder;

import io.debezium.connector.postgresql.UnchangedToastedReplicationMessageColumn;
import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;

import io.pg2polar.common.ChangeEventConventions;

/**
 * A Debezium custom converter that emits the columns Debezium would carry lossily as PostgreSQL's exact text
 * output ({@link PgTextSchema}); the target parses that text with the same type's input function.
 *
 * <p>Why: Debezium's own representations lose information for many types, and the snapshot (JDBC) and streaming
 * (pgoutput) paths even disagree. Measured with Debezium 3.7.0 and pgoutput (docs/type-fidelity.md):
 * {@code timetz} is normalised to UTC and fails on offsets with seconds; {@code date} in the snapshot drops the BC
 * era and shifts pre-1582 dates by 10 days, and turns {@code infinity} into an arbitrary day; {@code timestamp}
 * overflows near its upper limit and maps {@code ±infinity} to {@code Long.MAX_VALUE}; bit strings lose their
 * length; geometric types become WKB; tsquery, multiranges and composite types become bytes; arrays of
 * most types fail, multi-dimensional arrays become {@code null} or {@code [Ljava.lang.String;@...}, lower bounds
 * vanish, and arrays of money, interval, xml, varbit and point are dropped from the event; float NaN, ±Infinity
 * and -0 become 0.0 in Kafka's JsonConverter. Types Debezium carries losslessly stay native
 * ({@link PgTextColumns}), so other consumers keep their ints, booleans and bytes.
 *
 * <p>Registered by default as {@code converters=pgtext}; option {@value #PLACEHOLDER_OPTION} is the placeholder
 * the sink recognises for values the WAL did not carry: unchanged TOASTed values, and the non-key NOT NULL columns
 * of an old row image (where Debezium puts a zero value into its native types).
 */
public class PgTextConverter implements CustomConverter<SchemaBuilder, RelationalColumn> {

    /** Under the converter's prefix: the value written for an unchanged TOASTed column the WAL did not carry. */
    public static final String PLACEHOLDER_OPTION = "unavailable.value.placeholder";

    private String placeholder = ChangeEventConventions.UNAVAILABLE_VALUE_PLACEHOLDER;

    @Override
    public void configure(Properties props) {
        placeholder = props.getProperty(PLACEHOLDER_OPTION, placeholder);
    }

    @Override
    public void converterFor(RelationalColumn column, ConverterRegistration<SchemaBuilder> registration) {
        if (!PgTextColumns.travelAsText(column)) {
            return;
        }
        Object defaultValue = column.defaultValue();
        registration.register(PgTextSchema.builder(column), value -> {
            if (value == null) {
                // a NOT NULL column is null only in an old row image that the replica identity does not cover
                // (a delete's non-key columns); Debezium needs a value there and the sink must not use it
                return column.isOptional() ? null : placeholder;
            }
            // Debezium also converts the column default, already in its own representation, for the schema
            if (defaultValue != null && value == defaultValue) {
                return schemaDefault(column, value);
            }
            if (UnchangedToastedReplicationMessageColumn.isUnchangedToastedValue(value)) {
                return placeholder;
            }
            return PgTextValues.text(value);
        });
    }

    /**
     * No default for nullable columns: Kafka's JsonConverter would otherwise write the default in place of every
     * NULL. A NOT NULL column must keep one, so it gets Debezium's rendering of it, for information only.
     */
    private static String schemaDefault(RelationalColumn column, Object debeziumDefault) {
        return column.isOptional() ? null : String.valueOf(debeziumDefault);
    }
}
