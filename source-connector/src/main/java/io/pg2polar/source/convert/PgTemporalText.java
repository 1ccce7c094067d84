package io.pg2polar.source.convert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;

import org.postgresql.PGStatement;

import io.debezium.connector.postgresql.PostgresValueConverter;

import io.pg2polar.common.convert.PgTextForm;

/**
 * PostgreSQL text for the date and timestamp values Debezium hands a converter, which are already parsed: the
 * snapshot reads dates through pgjdbc as {@link java.sql.Date}, streaming parses dates into {@link LocalDate},
 * timestamps into {@link Instant} and timestamptz into {@link OffsetDateTime} at UTC, with sentinel values for
 * {@code ±infinity}. Years up to 0 become PostgreSQL's {@code BC} (ISO year 0 is 1 BC).
 */
final class PgTemporalText {

    private PgTemporalText() {}

    /**
     * A date read by pgjdbc. pgjdbc set the text's era, year, month and day on a default-zone
     * {@link GregorianCalendar}, which is Julian before 1582-10-15; reading them back the same way recovers the
     * text, where {@code toLocalDate()} would drop the era and shift pre-1582 dates by the calendar difference.
     */
    static String date(java.sql.Date date) {
        if (date.getTime() >= PGStatement.DATE_POSITIVE_INFINITY) {
            return "infinity";
        }
        if (date.getTime() <= PGStatement.DATE_NEGATIVE_INFINITY) {
            return "-infinity";
        }
        GregorianCalendar calendar = new GregorianCalendar();
        calendar.setTime(date);
        String text = String.format(
                "%04d-%02d-%02d",
                calendar.get(Calendar.YEAR), calendar.get(Calendar.MONTH) + 1, calendar.get(Calendar.DAY_OF_MONTH));
        return calendar.get(Calendar.ERA) == GregorianCalendar.BC ? text + " BC" : text;
    }

    /** A date parsed by Debezium from the streamed text. */
    static String date(LocalDate date) {
        if (date.equals(PostgresValueConverter.POSITIVE_INFINITY_LOCAL_DATE)) {
            return "infinity";
        }
        if (date.equals(PostgresValueConverter.NEGATIVE_INFINITY_LOCAL_DATE)) {
            return "-infinity";
        }
        return PgTextForm.date(date);
    }

    /** A {@code timestamp} (without time zone) parsed by Debezium from the streamed text, as an instant in UTC. */
    static String timestamp(Instant instant) {
        if (instant.equals(PostgresValueConverter.POSITIVE_INFINITY_INSTANT)) {
            return "infinity";
        }
        if (instant.equals(PostgresValueConverter.NEGATIVE_INFINITY_INSTANT)) {
            return "-infinity";
        }
        return PgTextForm.dateTime(LocalDateTime.ofInstant(instant, ZoneOffset.UTC), "");
    }

    /** A {@code timestamptz} parsed by Debezium from the streamed text; written in UTC, which names the same instant. */
    static String timestampWithZone(OffsetDateTime dateTime) {
        if (dateTime.equals(PostgresValueConverter.POSITIVE_INFINITY_OFFSET_DATE_TIME)) {
            return "infinity";
        }
        if (dateTime.equals(PostgresValueConverter.NEGATIVE_INFINITY_OFFSET_DATE_TIME)) {
            return "-infinity";
        }
        return PgTextForm.dateTime(
                dateTime.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), "+00");
    }
}
