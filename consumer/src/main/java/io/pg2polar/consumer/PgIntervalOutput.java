package io.pg2polar.consumer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.StringTokenizer;

import io.pg2polar.common.convert.PgTextForm;

/**
 * Turns an interval as PostgreSQL writes it with {@code IntervalStyle=postgres} (e.g. {@code 1 year 2 mons -3 days
 * +04:05:06.789}) into the form the source's pgtext converter gives streamed changes ({@code 1 years 2 mons -3 days
 * 4 hours 5 mins 6.789 secs}). Streamed intervals pass through pgjdbc's {@code PGInterval}, so this reads the text the
 * way its parser does: a signed {@code hh:mm:ss} applies its sign to all three fields, seconds are rounded to whole
 * microseconds.
 */
final class PgIntervalOutput {

    private PgIntervalOutput() {}

    static String streamedForm(String text) {
        int years = 0;
        int months = 0;
        int days = 0;
        int hours = 0;
        int minutes = 0;
        BigDecimal seconds = BigDecimal.ZERO;
        String number = null;
        StringTokenizer tokens = new StringTokenizer(text.replace('+', ' ').toLowerCase(Locale.ROOT));
        try {
            while (tokens.hasMoreTokens()) {
                String token = tokens.nextToken();
                int colon = token.indexOf(':');
                if (number == null && colon >= 0) {
                    boolean negative = token.charAt(0) == '-';
                    int secondColon = token.indexOf(':', colon + 1);
                    hours = Integer.parseInt(token.substring(negative ? 1 : 0, colon));
                    minutes = Integer.parseInt(token.substring(colon + 1, colon + 3));
                    seconds = secondColon < 0 ? BigDecimal.ZERO : new BigDecimal(token.substring(secondColon + 1));
                    if (negative) {
                        hours = -hours;
                        minutes = -minutes;
                        seconds = seconds.negate();
                    }
                } else if (number == null) {
                    number = token;
                } else {
                    if (token.startsWith("year")) {
                        years = Integer.parseInt(number);
                    } else if (token.startsWith("mon")) {
                        months = Integer.parseInt(number);
                    } else if (token.startsWith("day")) {
                        days = Integer.parseInt(number);
                    }
                    number = null;
                }
            }
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    "not a PostgreSQL interval in the postgres style, or out of pgjdbc's range: " + text, e);
        }
        long micros =
                seconds.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return PgTextForm.interval(years, months, days, hours, minutes, micros);
    }
}
