package io.pg2polar.consumer;

import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text the source's pgtext converter sends for a column of the given root type, from the same value as COPY wrote
 * it. Most types are sent as PostgreSQL's own output, which is what COPY wrote; the converter writes the others from
 * the value Debezium parsed first (floats and numerics as Java prints them, timestamps with six-digit microseconds,
 * timestamptz in UTC, intervals field by field, geometric types with Java's doubles), and so does this.
 */
final class PgTextRepresentation {

    private static final Set<String> GEOMETRIC = Set.of("point", "line", "lseg", "box", "path", "polygon", "circle");
    private static final Set<String> NUMERIC_SPECIALS = Set.of("NaN", "Infinity", "-Infinity");
    /** A number inside a geometric value, as PostgreSQL writes doubles. */
    private static final Pattern NUMBER =
            Pattern.compile("-?(?:Infinity|NaN|\\d+(?:\\.\\d*)?(?:e[+-]?\\d+)?)", Pattern.CASE_INSENSITIVE);

    private PgTextRepresentation() {}

    static String of(String rootType, String text) {
        return switch (rootType) {
            case "float4" -> Float.toString(Float.parseFloat(text));
            case "float8" -> Double.toString(Double.parseDouble(text));
            case "numeric" -> NUMERIC_SPECIALS.contains(text) ? text : new BigDecimal(text).toPlainString();
            case "timestamp" -> PgTemporalOutput.timestamp(text);
            case "timestamptz" -> PgTemporalOutput.timestampWithZone(text);
            case "interval" -> PgIntervalOutput.streamedForm(text);
            default -> GEOMETRIC.contains(rootType) ? geometric(text) : text;
        };
    }

    /** pgjdbc's geometric objects print PostgreSQL's own layout with each number as Java's {@code Double.toString}. */
    private static String geometric(String text) {
        Matcher number = NUMBER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        while (number.find()) {
            number.appendReplacement(out, Double.toString(Double.parseDouble(number.group())));
        }
        number.appendTail(out);
        return out.toString();
    }
}
