package io.pg2polar.consumer;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pg2polar.common.convert.PgTextForm;

/**
 * Turns the timestamps PostgreSQL writes with {@code DateStyle=ISO} (as the full load's COPY and logical decoding both
 * do) into the form the source's pgtext converter gives streamed changes: microseconds in six digits, and
 * {@code timestamptz} in UTC. Both read back as the same value; the point is that a snapshot row and a streamed change
 * of one value look the same to a consumer.
 */
final class PgTemporalOutput {

    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4,})-(\\d\\d)-(\\d\\d) (\\d\\d):(\\d\\d):(\\d\\d)(?:\\.(\\d{1,6}))?([+-]\\d\\d(?::\\d\\d(?::\\d\\d)?)?)?( BC)?");

    private PgTemporalOutput() {}

    /** E.g. {@code 2024-01-01 10:00:00.123} becomes {@code 2024-01-01 10:00:00.123000}. */
    static String timestamp(String text) {
        Matcher m = match(text, false);
        return m == null ? text : PgTextForm.dateTime(localDateTime(m), "");
    }

    /** E.g. {@code 2024-01-01 10:00:00+05:30} becomes {@code 2024-01-01 04:30:00+00}. */
    static String timestampWithZone(String text) {
        Matcher m = match(text, true);
        if (m == null) {
            return text;
        }
        OffsetDateTime local = OffsetDateTime.of(localDateTime(m), ZoneOffset.of(m.group(8)));
        return PgTextForm.dateTime(local.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), "+00");
    }

    /** Null for {@code infinity} and {@code -infinity}, which both forms spell the same. */
    private static Matcher match(String text, boolean withOffset) {
        if (text.endsWith("infinity")) {
            return null;
        }
        Matcher m = TIMESTAMP.matcher(text);
        if (!m.matches() || (m.group(8) != null) != withOffset) {
            throw new IllegalArgumentException(
                    "not a PostgreSQL " + (withOffset ? "timestamptz" : "timestamp") + " in ISO style: " + text);
        }
        return m;
    }

    private static LocalDateTime localDateTime(Matcher m) {
        int year = Integer.parseInt(m.group(1));
        String fraction = m.group(7) == null ? "" : m.group(7);
        int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000").substring(0, 6)) * 1000;
        return LocalDateTime.of(
                m.group(9) == null ? year : 1 - year,
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)),
                Integer.parseInt(m.group(6)),
                nanos);
    }
}
