package io.pg2polar.source.convert;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;
import org.postgresql.jdbc.TimestampUtils;

import io.debezium.connector.postgresql.PostgresValueConverter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PgTemporalTextTest {

    /** How the snapshot reads a date: pgjdbc's own parser, in the JVM's zone. */
    private final TimestampUtils pgjdbc = new TimestampUtils(false, TimeZone::getDefault);

    @Test
    void snapshotDatesReadBackAsTheServerPrintedThem() throws SQLException {
        for (String text : new String[] {
            "2024-02-29",
            "1582-10-04",
            "1582-10-15",
            "1000-02-28",
            "0001-01-01 BC",
            "0044-03-15 BC",
            "4713-01-01 BC",
            "5874897-12-31",
            "infinity",
            "-infinity"
        }) {
            assertEquals(text, PgTemporalText.date(pgjdbc.toDate(null, text)), text);
        }
    }

    /**
     * The one loss left: the ten days 1582-10-05..14 do not exist in pgjdbc's calendar, which moves them ten days
     * on before any converter sees them; streamed values of those days are exact.
     */
    @Test
    void snapshotDatesInTheGregorianGapArriveShiftedByPgjdbc() throws SQLException {
        assertEquals("1582-10-20", PgTemporalText.date(pgjdbc.toDate(null, "1582-10-10")));
    }

    @Test
    void streamedDatesWithEraAndInfinity() {
        assertEquals("2024-02-29", PgTemporalText.date(LocalDate.of(2024, 2, 29)));
        // ISO year 0 is 1 BC, -43 is 44 BC
        assertEquals("0001-01-01 BC", PgTemporalText.date(LocalDate.of(0, 1, 1)));
        assertEquals("0044-03-15 BC", PgTemporalText.date(LocalDate.of(-43, 3, 15)));
        assertEquals("5874897-12-31", PgTemporalText.date(LocalDate.of(5874897, 12, 31)));
        assertEquals("infinity", PgTemporalText.date(PostgresValueConverter.POSITIVE_INFINITY_LOCAL_DATE));
        assertEquals("-infinity", PgTemporalText.date(PostgresValueConverter.NEGATIVE_INFINITY_LOCAL_DATE));
    }

    @Test
    void streamedTimestampsKeepMicrosecondsEraAndInfinity() {
        assertEquals(
                "2024-01-01 10:00:00.123456", PgTemporalText.timestamp(Instant.parse("2024-01-01T10:00:00.123456Z")));
        assertEquals("2024-01-01 10:00:00", PgTemporalText.timestamp(Instant.parse("2024-01-01T10:00:00Z")));
        assertEquals("2000-02-29 12:34:56.700000", PgTemporalText.timestamp(Instant.parse("2000-02-29T12:34:56.7Z")));
        assertEquals("4713-01-01 00:00:00 BC", PgTemporalText.timestamp(Instant.parse("-4712-01-01T00:00:00Z")));
        assertEquals(
                "294276-12-31 23:59:59.999999",
                PgTemporalText.timestamp(Instant.parse("+294276-12-31T23:59:59.999999Z")));
        assertEquals("infinity", PgTemporalText.timestamp(PostgresValueConverter.POSITIVE_INFINITY_INSTANT));
        assertEquals("-infinity", PgTemporalText.timestamp(PostgresValueConverter.NEGATIVE_INFINITY_INSTANT));
    }

    @Test
    void streamedTimestampsWithZoneAreWrittenInUtc() {
        assertEquals(
                "2024-01-01 04:30:00.500000+00",
                PgTemporalText.timestampWithZone(
                        OffsetDateTime.of(2024, 1, 1, 10, 0, 0, 500_000_000, ZoneOffset.ofHoursMinutes(5, 30))));
        assertEquals(
                "0001-12-31 23:59:59.999999+00 BC",
                PgTemporalText.timestampWithZone(OffsetDateTime.parse("0000-12-31T23:59:59.999999Z")));
        assertEquals(
                "infinity",
                PgTemporalText.timestampWithZone(PostgresValueConverter.POSITIVE_INFINITY_OFFSET_DATE_TIME));
        assertEquals(
                "-infinity",
                PgTemporalText.timestampWithZone(PostgresValueConverter.NEGATIVE_INFINITY_OFFSET_DATE_TIME));
    }
}
