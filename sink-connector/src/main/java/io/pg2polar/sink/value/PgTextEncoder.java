package io.pg2polar.sink.value;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

import io.pg2polar.common.ChangeEventConventions;

/**
 * Turns a Kafka Connect value, as the Debezium source produced it, into PostgreSQL's text input form for the
 * column's type. The target parses that text with the column type's own input function (a cast from an
 * untyped parameter, or COPY), so no value passes through a lossy Java type on the way.
 *
 * <p>Values the source's {@code pgtext} converter sent as PostgreSQL's own text output (schema {@value #PG_TEXT},
 * e.g. timestamps, numerics, floats, arrays, geometric and user-defined types) pass through unchanged. The
 * rest are Debezium's native representations of types it carries losslessly, decoded exactly here: integers,
 * booleans, strings, {@code bytea} as {@code \x} hex, {@code time} from microseconds; the temporal, decimal and
 * array cases below also cover sources running without the converter.
 */
public final class PgTextEncoder {

    /**
     * The schema name of values that already are PostgreSQL text: the same string as the source's
     * {@code io.pg2polar.source.convert.PgTextSchema.NAME}.
     */
    public static final String PG_TEXT = ChangeEventConventions.PG_TEXT_SCHEMA;

    private static final HexFormat HEX = HexFormat.of();

    private final UnavailablePlaceholder unavailable;

    /**
     * @param unavailablePlaceholder the value Debezium writes for an unchanged TOASTed column it could not read
     */
    public PgTextEncoder(String unavailablePlaceholder) {
        this.unavailable = new UnavailablePlaceholder(unavailablePlaceholder);
    }

    /** True when the value is Debezium's stand-in for an unchanged TOASTed value that was not sent. */
    public boolean isUnavailable(Object value) {
        return unavailable.matches(value);
    }

    /**
     * The text form of a value, or {@code null} for SQL NULL.
     *
     * @throws DataException for a value this encoder does not know how to write, naming its schema
     */
    public String encode(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        String logical = schema.name();
        if (PG_TEXT.equals(logical)) {
            return (String) value;
        }
        if (logical != null) {
            String temporal = TemporalText.encode(logical, value);
            if (temporal != null) {
                return temporal;
            }
            if (org.apache.kafka.connect.data.Decimal.LOGICAL_NAME.equals(logical)) {
                return ((BigDecimal) value).toPlainString();
            }
        }
        return switch (schema.type()) {
            case INT8, INT16, INT32, INT64, BOOLEAN, STRING -> value.toString();
            case FLOAT32, FLOAT64 -> floatText(((Number) value).doubleValue(), value);
            case BYTES -> "\\x" + HEX.formatHex(bytes(value));
            case ARRAY -> ArrayText.encode(this, schema.valueSchema(), (List<?>) value);
            default ->
                throw new DataException("pg2polar cannot yet write a value of Connect type " + schema.type()
                        + (logical == null ? "" : " (" + logical + ")")
                        + "; report the source column type so it can be supported");
        };
    }

    private static String floatText(double asDouble, Object original) {
        if (Double.isNaN(asDouble)) {
            return "NaN";
        }
        if (Double.isInfinite(asDouble)) {
            return asDouble > 0 ? "Infinity" : "-Infinity";
        }
        return original.toString();
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] array) {
            return array;
        }
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] array = new byte[buffer.remaining()];
        buffer.get(array);
        return array;
    }
}
