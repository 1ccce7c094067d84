package io.pg2polar.consumer;

import java.math.BigDecimal;
import java.util.HexFormat;

import org.apache.kafka.connect.data.Schema;

/**
 * The value Debezium streams for a column it carries in its own representation (pg2polar keeps it where it is
 * lossless: integers, booleans, bytes, strings, times), from the same value as COPY wrote it. Covers what Debezium
 * produces with pg2polar's defaults ({@code decimal.handling.mode=string}, {@code time.precision.mode=adaptive},
 * {@code binary.handling.mode=bytes}); any other representation is refused by name, never guessed.
 */
final class DebeziumRepresentation {

    private static final String MICRO_TIME = "io.debezium.time.MicroTime";
    private static final String MILLI_TIME = "io.debezium.time.Time";
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private DebeziumRepresentation() {}

    /**
     * @throws UnsupportedOperationException for a representation this does not reproduce
     */
    static Object of(Schema schema, String rootType, String text) {
        if (MICRO_TIME.equals(schema.name())) {
            return microsOfDay(text);
        }
        if (MILLI_TIME.equals(schema.name())) {
            return (int) (microsOfDay(text) / 1000);
        }
        if (schema.name() != null && !schema.name().startsWith("io.debezium.data.")) {
            throw new UnsupportedOperationException(schema.name());
        }
        return switch (schema.type()) {
            case INT16 -> Short.parseShort(text);
            case INT32 -> Integer.parseInt(text);
            case INT64 -> Long.parseLong(text);
            case BOOLEAN -> "t".equals(text);
            case BYTES -> bytea(text);
            case STRING -> "money".equals(rootType) ? money(text) : text;
            default -> throw new UnsupportedOperationException(schema.type().getName());
        };
    }

    /** {@code hh:mm:ss[.ffffff]}, {@code 24:00:00} included, as microseconds past midnight. */
    private static long microsOfDay(String text) {
        long micros = (Long.parseLong(text.substring(0, 2)) * 3600
                        + Long.parseLong(text.substring(3, 5)) * 60
                        + Long.parseLong(text.substring(6, 8)))
                * 1_000_000L;
        if (text.length() > 9) {
            micros += Long.parseLong((text.substring(9) + "00000").substring(0, 6));
        }
        if (micros > MICROS_PER_DAY) {
            throw new IllegalArgumentException("not a time of day: " + text);
        }
        return micros;
    }

    /** bytea's hex output, {@code \x0a0b}. */
    private static byte[] bytea(String text) {
        if (!text.startsWith("\\x")) {
            throw new IllegalArgumentException("bytea not in hex format (bytea_output=hex): " + text);
        }
        return HexFormat.of().parseHex(text, 2, text.length());
    }

    /**
     * Debezium's reading of money output such as {@code -$1,234.56} or {@code ($1,234.56)}: sign, then the amount without
     * its one-character currency symbol and thousands separators, as a plain decimal string.
     */
    private static String money(String text) {
        boolean negative = text.charAt(0) == '-' || text.charAt(0) == '(';
        String amount = text.charAt(0) == '-' ? text.substring(1) : text;
        if (amount.startsWith("(") && amount.endsWith(")")) {
            amount = amount.substring(1, amount.length() - 1);
        }
        if (!amount.isEmpty() && !Character.isDigit(amount.charAt(0)) && amount.charAt(0) != '.') {
            amount = amount.substring(1);
        }
        amount = amount.replace(",", "");
        return new BigDecimal(negative ? "-" + amount : amount).toPlainString();
    }
}
