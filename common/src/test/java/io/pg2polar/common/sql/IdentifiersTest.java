package io.pg2polar.common.sql;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdentifiersTest {

    @Test
    void quotesEveryIdentifierAndDoublesEmbeddedQuotes() {
        assertEquals("\"level\"", Identifiers.quote("level"));
        assertEquals("\"Mixed Case\"", Identifiers.quote("Mixed Case"));
        assertEquals("\"a\"\"b\"", Identifiers.quote("a\"b"));
        assertEquals("\"my-db\".\"ROWNUM\"", Identifiers.qualify("my-db", "ROWNUM"));
    }

    @Test
    void refusesEmptyIdentifiers() {
        assertThrows(IllegalArgumentException.class, () -> Identifiers.quote(""));
    }

    @Test
    void quotesLiterals() {
        assertEquals("'it''s'", Identifiers.literal("it's"));
    }

    @Test
    void aBackslashGoesIntoAnEscapeStringSoItCannotEscapeTheClosingQuote() {
        // with standard_conforming_strings off, 'x\''; ...' would end after x\' and run the rest
        assertEquals("E'x\\\\''; drop table t; --'", Identifiers.literal("x\\'; drop table t; --"));
        assertThrows(IllegalArgumentException.class, () -> Identifiers.literal("a\0b"));
    }
}
