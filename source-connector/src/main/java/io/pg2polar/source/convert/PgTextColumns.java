package io.pg2polar.source.convert;

import java.sql.Types;
import java.util.Set;

import org.postgresql.core.Oid;

import io.debezium.spi.converter.RelationalColumn;

/**
 * Decides which columns travel as exact PostgreSQL text: every column except those whose (root) type Debezium
 * already carries losslessly in both the snapshot and the streaming path, and through Kafka's JsonConverter.
 * Unknown, extension and user-defined types are text by default, so a type nobody checked cannot lose data.
 */
final class PgTextColumns {

    /**
     * Root types kept in Debezium's representation. Each was checked end to end (docs/type-fidelity.md):
     * integers, oid, bool, bytea, text types, json/jsonb (text byte for byte), xml, uuid, network types,
     * tsvector, the built-in ranges (PostgreSQL's own text), time (microseconds, 24:00:00 included) and money
     * (a plain decimal string).
     */
    private static final Set<Integer> NATIVE_ROOT_TYPES = Set.of(
            Oid.BOOL,
            Oid.BYTEA,
            Oid.CHAR,
            Oid.NAME,
            Oid.INT2,
            Oid.INT4,
            Oid.INT8,
            Oid.OID,
            Oid.TEXT,
            Oid.VARCHAR,
            Oid.BPCHAR,
            Oid.JSON,
            Oid.JSONB,
            Oid.XML,
            Oid.UUID,
            Oid.INET,
            Oid.CIDR,
            Oid.MACADDR,
            Oid.MACADDR8,
            Oid.TSVECTOR,
            Oid.TIME,
            Oid.MONEY,
            // int4range, numrange, tsrange, tstzrange, daterange, int8range: pgjdbc's Oid has no constants for them
            3904,
            3906,
            3908,
            3910,
            3912,
            3926);

    private PgTextColumns() {}

    /** True when the column's values should be converted to PostgreSQL text. */
    static boolean travelAsText(RelationalColumn column) {
        // Debezium's type registry reports enums as VARCHAR; like the text types they are plain strings already
        if (column.jdbcType() == Types.VARCHAR) {
            return false;
        }
        if ("citext".equals(column.typeName())) {
            return false;
        }
        // a domain column reports its root type here, so a domain over int stays an int
        return !NATIVE_ROOT_TYPES.contains(column.nativeType());
    }
}
