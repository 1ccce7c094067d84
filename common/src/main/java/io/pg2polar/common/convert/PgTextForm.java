package io.pg2polar.common.convert;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The text forms in which the source's pgtext converter writes values it takes apart first (dates, timestamps,
 * intervals), shared with the consumer-side expansion of copy chunks so that a snapshot row and a streamed change of
 * the same value read the same. Each form is one PostgreSQL's input function reads back exactly.
 */
public final class PgTextForm {

    private static final long NANOS_PER_MICRO = 1_000L;

    private PgTextForm() {}

    /** E.g. {@code 0044-03-15 BC}: years up to 0 are PostgreSQL's BC (ISO year 0 is 1 BC). */
    public static String date(LocalDate date) {
        return withEra(date, "");
    }

    /**
     * E.g. {@code 0044-03-15 12:00:00.500000+00 BC}: microseconds written in six digits when there are any, PostgreSQL's
     * era last, after the offset.
     */
    public static String dateTime(LocalDateTime dateTime, String offset) {
        StringBuilder time = new StringBuilder(" ")
                .append(String.format(
                        "%02d:%02d:%02d", dateTime.getHour(), dateTime.getMinute(), dateTime.getSecond()));
        int micros = (int) (dateTime.getNano() / NANOS_PER_MICRO);
        if (micros != 0) {
            time.append('.').append(String.format("%06d", micros));
        }
        return withEra(dateTime.toLocalDate(), time.append(offset).toString());
    }

    /** E.g. {@code 1 years 2 mons -3 days 4 hours 5 mins 6.789 secs}: every field, seconds from whole microseconds. */
    public static String interval(int years, int months, int days, int hours, int minutes, long microseconds) {
        String seconds =
                BigDecimal.valueOf(microseconds, 6).stripTrailingZeros().toPlainString();
        return years + " years " + months + " mons " + days + " days " + hours + " hours " + minutes + " mins "
                + seconds + " secs";
    }

    private static String withEra(LocalDate date, String suffix) {
        int year = date.getYear();
        String text =
                String.format("%04d-%02d-%02d", year > 0 ? year : 1 - year, date.getMonthValue(), date.getDayOfMonth())
                        + suffix;
        return year > 0 ? text : text + " BC";
    }
}
