package io.pg2polar.source.convert;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PGInterval;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PgIntervalTextTest {

    @Test
    void everyFieldAndSignSurvives() throws SQLException {
        assertEquals(
                "1 years 2 mons 3 days 4 hours 5 mins 6.789 secs",
                PgIntervalText.of(new PGInterval("1 year 2 mons 3 days 04:05:06.789")));
        assertEquals(
                "0 years 0 mons -1 days 2 hours 3 mins 4.5 secs",
                PgIntervalText.of(new PGInterval("-1 days +02:03:04.5")));
        assertEquals(
                "0 years 1 mons -1 days 0 hours 0 mins 0.000001 secs",
                PgIntervalText.of(new PGInterval("1 mon -1 days +00:00:00.000001")));
        assertEquals("0 years 0 mons 0 days 0 hours 0 mins -1 secs", PgIntervalText.of(new PGInterval("-00:00:01")));
        assertEquals(
                "-178000000 years 0 mons 0 days 0 hours 0 mins 0 secs",
                PgIntervalText.of(new PGInterval("-178000000 years")));
    }

    @Test
    void microsecondsAreNotRoundedThroughADouble() throws SQLException {
        assertEquals(
                "0 years 0 mons 0 days 2147483647 hours 59 mins 59.999999 secs",
                PgIntervalText.of(new PGInterval("2147483647:59:59.999999")));
        assertEquals(
                "0 years 0 mons 0 days -2147483647 hours -59 mins -59.999999 secs",
                PgIntervalText.of(new PGInterval("-2147483647:59:59.999999")));
    }
}
