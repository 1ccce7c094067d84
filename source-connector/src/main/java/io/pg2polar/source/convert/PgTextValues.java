package io.pg2polar.source.convert;

import java.math.BigDecimal;
import java.sql.Array;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

import org.postgresql.jdbc.PgArray;
import org.postgresql.util.HStoreConverter;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

import io.debezium.data.SpecialValueDecimal;

/**
 * Turns the value object Debezium hands a converter into PostgreSQL's text output for it. The object depends on
 * the path: the snapshot passes what pgjdbc's {@code ResultSet} returns (the raw text for timestamps, timetz
 * and bits, {@link PGobject} for most other types, {@link PgArray} for arrays, a {@link Map} for hstore), streaming
 * passes what Debezium parsed from pgoutput's text (raw text for unknown types, parsed dates, timestamps,
 * intervals and geometric types). Both become the same text.
 */
final class PgTextValues {

    private PgTextValues() {}

    /**
     * @param value a non-null column value
     * @throws IllegalArgumentException for a value whose text cannot be recovered exactly
     */
    static String text(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof PGInterval interval) {
            return PgIntervalText.of(interval);
        }
        if (value instanceof PGobject object) {
            // geometric subclasses rebuild the text from their doubles, whose Java text reads back exactly
            return object.getValue();
        }
        if (value instanceof Array array) {
            return arrayText(array);
        }
        if (value instanceof Map<?, ?> hstore) {
            // hstore prints its pairs in a canonical order, so any order of the same pairs reads back the same
            return HStoreConverter.toString(hstore);
        }
        String number = numberText(value);
        if (number != null) {
            return number;
        }
        String temporal = temporalText(value);
        if (temporal != null) {
            return temporal;
        }
        throw new IllegalArgumentException(
                "pg2polar cannot turn a " + value.getClass().getName() + " back into PostgreSQL text");
    }

    private static String arrayText(Array array) {
        // a text-format array keeps the server's literal (bounds, dimensions, quoting); a binary one was re-encoded
        if (array instanceof PgArray pgArray && pgArray.isBinary()) {
            throw new IllegalArgumentException("pgjdbc read an array in binary format, which loses its lower bounds;"
                    + " keep the source connector's driver.binaryTransfer=false");
        }
        return array.toString();
    }

    private static String numberText(Object value) {
        if (value instanceof SpecialValueDecimal decimal) {
            return PgNumberText.of(decimal);
        }
        if (value instanceof BigDecimal decimal) {
            return PgNumberText.of(decimal);
        }
        if (value instanceof Double number) {
            return PgNumberText.of(number.doubleValue());
        }
        if (value instanceof Float number) {
            return PgNumberText.of(number.floatValue());
        }
        return null;
    }

    private static String temporalText(Object value) {
        if (value instanceof java.sql.Date date) {
            return PgTemporalText.date(date);
        }
        if (value instanceof LocalDate date) {
            return PgTemporalText.date(date);
        }
        if (value instanceof Instant instant) {
            return PgTemporalText.timestamp(instant);
        }
        if (value instanceof OffsetDateTime dateTime) {
            return PgTemporalText.timestampWithZone(dateTime);
        }
        return null;
    }
}
