package io.pg2polar.consumer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PgTextRepresentationTest {

    /** COPY's text (PostgreSQL output with pg_dump's settings) and the text the pgtext converter streams for the same value. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "float8|1e+300|1.0E300",
                "float8|-0|-0.0",
                "float8|NaN|NaN",
                "float8|-Infinity|-Infinity",
                "float8|5e-324|4.9E-324",
                "float4|1e-45|1.4E-45",
                "float4|2.25|2.25",
                "numeric|1.500|1.500",
                "numeric|NaN|NaN",
                "numeric|-Infinity|-Infinity",
                "timestamp|2024-01-01 10:00:00.123|2024-01-01 10:00:00.123000",
                "timestamp|2024-01-01 10:00:00|2024-01-01 10:00:00",
                "timestamp|4713-01-01 00:00:00 BC|4713-01-01 00:00:00 BC",
                "timestamp|294276-12-31 23:59:59.999999|294276-12-31 23:59:59.999999",
                "timestamp|infinity|infinity",
                "timestamptz|2024-01-01 10:00:00.5+05:30|2024-01-01 04:30:00.500000+00",
                "timestamptz|1999-12-31 23:59:59.999-08|2000-01-01 07:59:59.999000+00",
                "timestamptz|1850-01-01 00:00:00+05:53:28|1849-12-31 18:06:32+00",
                "timestamptz|0001-01-01 00:00:00+00 BC|0001-01-01 00:00:00+00 BC",
                "timestamptz|-infinity|-infinity",
                "interval|1 year 2 mons 3 days 04:05:06.789|1 years 2 mons 3 days 4 hours 5 mins 6.789 secs",
                "interval|-1 days +02:03:04.5|0 years 0 mons -1 days 2 hours 3 mins 4.5 secs",
                "interval|-1 days -02:03:04.5|0 years 0 mons -1 days -2 hours -3 mins -4.5 secs",
                "interval|178000000 years|178000000 years 0 mons 0 days 0 hours 0 mins 0 secs",
                "interval|00:00:00|0 years 0 mons 0 days 0 hours 0 mins 0 secs",
                "point|(1e+300,-1e-300)|(1.0E300,-1.0E-300)",
                "circle|<(1,2),3>|<(1.0,2.0),3.0>",
                "path|[(-1.5e-300,2),(3,-4)]|[(-1.5E-300,2.0),(3.0,-4.0)]",
                "line|{-1,0,Infinity}|{-1.0,0.0,Infinity}",
                "box|(3,4),(1,2)|(3.0,4.0),(1.0,2.0)",
                "point|(-0,NaN)|(-0.0,NaN)",
                "date|0044-03-15 BC|0044-03-15 BC",
                "_int4|{1,2,3}|{1,2,3}",
                "timetz|13:45:01+05:30|13:45:01+05:30",
            })
    void copyTextBecomesTheStreamedForm(String rootType, String copied, String streamed) {
        assertEquals(streamed, PgTextRepresentation.of(rootType, copied));
    }
}
