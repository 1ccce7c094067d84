package io.pg2polar.source.convert;

import java.sql.Types;
import java.time.LocalDate;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.postgresql.core.Oid;

import io.debezium.connector.postgresql.UnchangedToastedReplicationMessageColumn;
import io.debezium.spi.converter.CustomConverter.Converter;

import io.pg2polar.common.ChangeEventConventions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PgTextConverterTest {

    private final PgTextConverter converter = new PgTextConverter();
    private final AtomicReference<SchemaBuilder> schema = new AtomicReference<>();
    private final AtomicReference<Converter> conversion = new AtomicReference<>();

    private void register(TestColumn column) {
        schema.set(null);
        conversion.set(null);
        converter.converterFor(column, (fieldSchema, function) -> {
            schema.set(fieldSchema);
            conversion.set(function);
        });
    }

    @Test
    void registersANamedStringSchemaCarryingTheSourceType() {
        register(TestColumn.of("timetz", Oid.TIMETZ, Types.TIME));
        Schema built = schema.get().build();
        assertEquals(Schema.Type.STRING, built.type());
        assertEquals(PgTextSchema.NAME, built.name());
        assertEquals("timetz", built.parameters().get(PgTextSchema.TYPE_PARAMETER));
        assertEquals("13:45:01+05:30", conversion.get().convert("13:45:01+05:30"));
        assertNull(conversion.get().convert(null));
    }

    @Test
    void leavesNativeColumnsToDebezium() {
        register(TestColumn.of("int8", Oid.INT8, Types.BIGINT));
        assertNull(schema.get());
    }

    @Test
    void unchangedToastedValuesBecomeTheConfiguredPlaceholder() {
        Properties props = new Properties();
        props.setProperty(PgTextConverter.PLACEHOLDER_OPTION, "__unavailable");
        converter.configure(props);
        register(TestColumn.of("_int4", Oid.INT4_ARRAY, Types.ARRAY));
        assertEquals(
                "__unavailable",
                conversion.get().convert(UnchangedToastedReplicationMessageColumn.UNCHANGED_INT_ARRAY_TOAST_VALUE));
        register(TestColumn.of("hstore", 16_800, Types.OTHER));
        assertEquals(
                "__unavailable",
                conversion.get().convert(UnchangedToastedReplicationMessageColumn.UNCHANGED_HSTORE_TOAST_VALUE));
    }

    @Test
    void aNotNullColumnMissingFromAnOldRowImageIsUnavailable() {
        register(new TestColumn("timestamptz", Oid.TIMESTAMPTZ, Types.TIMESTAMP, false, null));
        assertEquals(
                ChangeEventConventions.UNAVAILABLE_VALUE_PLACEHOLDER,
                conversion.get().convert(null));
    }

    @Test
    void columnDefaultsNeverReplaceANullOfANullableColumn() {
        // Debezium hands the default over already converted, e.g. a date default as epoch days
        Integer debeziumDefault = 19_723;
        register(new TestColumn("date", Oid.DATE, Types.DATE, true, debeziumDefault));
        assertNull(conversion.get().convert(debeziumDefault));
        register(new TestColumn("date", Oid.DATE, Types.DATE, false, debeziumDefault));
        assertEquals("19723", conversion.get().convert(debeziumDefault));
        assertEquals("2024-01-01", conversion.get().convert(LocalDate.of(2024, 1, 1)));
    }
}
