package io.pg2polar.sink.value;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * PostgreSQL text for Debezium's and Connect's temporal logical types. Years before 1 AD are written the
 * PostgreSQL way ({@code 0044-03-15 BC}), since ISO-8601 year 0 is 1 BC and PostgreSQL has no year 0.
 */
final class TemporalText {

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;

    private TemporalText() {}

    /** The text for a temporal logical type, or null when the name is not a temporal type. */
    static String encode(String logicalName, Object value) {
        return switch (logicalName) {
            case "io.debezium.time.Date" -> date(LocalDate.ofEpochDay(((Number) value).longValue()));
            case "io.debezium.time.Timestamp" -> timestamp(fromEpochNanos(((Number) value).longValue() * 1_000_000L));
            case "io.debezium.time.MicroTimestamp" -> timestamp(fromEpochMicros(((Number) value).longValue()));
            case "io.debezium.time.NanoTimestamp" -> timestamp(fromEpochNanos(((Number) value).longValue()));
            case "io.debezium.time.Time" -> time(((Number) value).longValue() * 1_000_000L);
            case "io.debezium.time.MicroTime" -> time(((Number) value).longValue() * NANOS_PER_MICRO);
            case "io.debezium.time.NanoTime" -> time(((Number) value).longValue());
            case "org.apache.kafka.connect.data.Date" ->
                date(LocalDate.ofInstant(((java.util.Date) value).toInstant(), ZoneOffset.UTC));
            case "org.apache.kafka.connect.data.Timestamp" ->
                timestamp(LocalDateTime.ofInstant(((java.util.Date) value).toInstant(), ZoneOffset.UTC));
            case "org.apache.kafka.connect.data.Time" -> time(((java.util.Date) value).getTime() * 1_000_000L);
            default -> null;
        };
    }

    static String date(LocalDate date) {
        return dateAnd(date, "");
    }

    static String timestamp(LocalDateTime dateTime) {
        return dateAnd(dateTime.toLocalDate(), " " + dateTime.toLocalTime());
    }

    /** The date, then {@code suffix}, then " BC" for years up to 0 (ISO year 0 is 1 BC). */
    private static String dateAnd(LocalDate date, String suffix) {
        int year = date.getYear();
        if (year > 0) {
            return date + suffix;
        }
        return String.format("%04d-%02d-%02d%s BC", 1 - year, date.getMonthValue(), date.getDayOfMonth(), suffix);
    }

    private static String time(long nanosOfDay) {
        // 24:00:00 is a valid PostgreSQL time that LocalTime cannot hold
        if (nanosOfDay == 86_400L * 1_000_000_000L) {
            return "24:00:00";
        }
        return LocalTime.ofNanoOfDay(nanosOfDay).toString();
    }

    private static LocalDateTime fromEpochMicros(long micros) {
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        long nanos = Math.floorMod(micros, MICROS_PER_SECOND) * NANOS_PER_MICRO;
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), ZoneOffset.UTC);
    }

    private static LocalDateTime fromEpochNanos(long nanos) {
        return LocalDateTime.ofInstant(
                Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)),
                ZoneOffset.UTC);
    }
}
