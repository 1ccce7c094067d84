package io.pg2polar.source.convert;

import org.postgresql.util.PGInterval;

import io.pg2polar.common.convert.PgTextForm;

/**
 * PostgreSQL text for an interval, which both Debezium paths hand over as pgjdbc's {@link PGInterval}.
 * pgjdbc keeps every field as an integer (seconds split into whole seconds and microseconds), so writing the
 * fields out with PostgreSQL's unit names gives the same interval back; its own {@code getValue()} goes through
 * a {@code double} for the seconds.
 */
final class PgIntervalText {

    private PgIntervalText() {}

    /** E.g. {@code 1 years 2 mons -3 days 4 hours 5 mins 6.789 secs}. */
    static String of(PGInterval interval) {
        long micros = interval.getWholeSeconds() * 1_000_000L + interval.getMicroSeconds();
        return PgTextForm.interval(
                interval.getYears(),
                interval.getMonths(),
                interval.getDays(),
                interval.getHours(),
                interval.getMinutes(),
                micros);
    }
}
