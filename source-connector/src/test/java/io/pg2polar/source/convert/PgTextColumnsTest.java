package io.pg2polar.source.convert;

import java.sql.Types;

import org.junit.jupiter.api.Test;
import org.postgresql.core.Oid;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PgTextColumnsTest {

    @Test
    void typesDebeziumCarriesLosslesslyStayNative() {
        assertFalse(PgTextColumns.travelAsText(TestColumn.of("int4", Oid.INT4, Types.INTEGER)));
        assertFalse(PgTextColumns.travelAsText(TestColumn.of("bytea", Oid.BYTEA, Types.BINARY)));
        assertFalse(PgTextColumns.travelAsText(TestColumn.of("json", Oid.JSON, Types.OTHER)));
        assertFalse(PgTextColumns.travelAsText(TestColumn.of("tstzrange", 3910, Types.OTHER)));
        // a domain reports its root type
        assertFalse(PgTextColumns.travelAsText(TestColumn.of("posint", Oid.INT4, Types.INTEGER)));
        // enums: Debezium's type registry reports them as VARCHAR with their own OID
        assertFalse(PgTextColumns.travelAsText(TestColumn.of("mood", 16_500, Types.VARCHAR)));
        assertFalse(PgTextColumns.travelAsText(TestColumn.of("citext", 16_600, Types.OTHER)));
    }

    @Test
    void lossyUnknownAndUserDefinedTypesTravelAsText() {
        assertTrue(PgTextColumns.travelAsText(TestColumn.of("timetz", Oid.TIMETZ, Types.TIME)));
        assertTrue(PgTextColumns.travelAsText(TestColumn.of("numeric", Oid.NUMERIC, Types.NUMERIC)));
        assertTrue(PgTextColumns.travelAsText(TestColumn.of("float8", Oid.FLOAT8, Types.DOUBLE)));
        assertTrue(PgTextColumns.travelAsText(TestColumn.of("_int4", Oid.INT4_ARRAY, Types.ARRAY)));
        assertTrue(PgTextColumns.travelAsText(TestColumn.of("address", 16_700, Types.STRUCT)));
        assertTrue(PgTextColumns.travelAsText(TestColumn.of("int4multirange", 4451, Types.OTHER)));
        assertTrue(PgTextColumns.travelAsText(TestColumn.of("hstore", 16_800, Types.OTHER)));
        assertTrue(PgTextColumns.travelAsText(TestColumn.of("pg_lsn", 3220, Types.OTHER)));
    }
}
