package io.pg2polar.source.convert;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import io.debezium.data.SpecialValueDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PgNumberTextTest {

    @Test
    void numericsKeepEveryDigitTheScaleAndTheSpecialValues() {
        String digits = "1234567890".repeat(20) + "." + "0987654321".repeat(10);
        assertEquals(digits, PgNumberText.of(new SpecialValueDecimal(new BigDecimal(digits))));
        assertEquals("1.500", PgNumberText.of(new SpecialValueDecimal(new BigDecimal("1.500"))));
        assertEquals("0.0000001", PgNumberText.of(new BigDecimal("0.0000001")));
        assertEquals("NaN", PgNumberText.of(SpecialValueDecimal.NOT_A_NUMBER));
        assertEquals("Infinity", PgNumberText.of(SpecialValueDecimal.POSITIVE_INF));
        assertEquals("-Infinity", PgNumberText.of(SpecialValueDecimal.NEGATIVE_INF));
    }

    @Test
    void floatsKeepNegativeZeroSpecialValuesAndEveryBit() {
        assertEquals("-0.0", PgNumberText.of(-0.0d));
        assertEquals("NaN", PgNumberText.of(Double.NaN));
        assertEquals("-Infinity", PgNumberText.of(Double.NEGATIVE_INFINITY));
        assertEquals("2.2250738585072014E-308", PgNumberText.of(Double.MIN_NORMAL));
        assertEquals(0.1d, Double.parseDouble(PgNumberText.of(0.1d)));
        assertEquals("1.17549435E-38", PgNumberText.of(Float.MIN_NORMAL));
        assertEquals("Infinity", PgNumberText.of(Float.POSITIVE_INFINITY));
    }
}
