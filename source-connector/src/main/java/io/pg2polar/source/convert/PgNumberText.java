package io.pg2polar.source.convert;

import java.math.BigDecimal;

import io.debezium.data.SpecialValueDecimal;

/**
 * PostgreSQL text for numeric and floating-point values. Both travel as text because Kafka's JsonConverter turns
 * a {@code NaN}, {@code ±Infinity} or {@code -0} double into {@code 0.0} on the way back, and Debezium spells
 * numeric specials {@code NAN}/{@code POSITIVE_INFINITY}, which PostgreSQL does not read.
 */
final class PgNumberText {

    private PgNumberText() {}

    /** A numeric as both Debezium paths hand it over: a decimal, or NaN/±Infinity. */
    static String of(SpecialValueDecimal value) {
        return value.getDecimalValue().map(PgNumberText::of).orElseGet(() -> of(value.toDouble()));
    }

    /** All digits and the scale as they were: {@code 1.500} stays {@code 1.500}, never {@code 1.5E+0}. */
    static String of(BigDecimal value) {
        return value.toPlainString();
    }

    /**
     * Java's shortest text that reads back as the same double ({@code -0.0}, {@code NaN}, {@code Infinity},
     * {@code 1.0E300}), all of which PostgreSQL's float8 input accepts.
     */
    static String of(double value) {
        return Double.toString(value);
    }

    /** As {@link #of(double)} for a real: the float's own shortest text, which float4 input reads back exactly. */
    static String of(float value) {
        return Float.toString(value);
    }
}
