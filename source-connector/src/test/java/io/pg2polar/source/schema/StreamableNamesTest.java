package io.pg2polar.source.schema;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamableNamesTest {

    @Test
    void namesDebeziumReadsBackPass() {
        for (String name : List.of(
                "orders",
                "a.b",
                "Order Items",
                "UPPER",
                "订单",
                "Straße",
                "user",
                "it's",
                "a\"b",
                "a\"\"b",
                " ",
                "t'x",
                "`x")) {
            assertEquals(java.util.Optional.empty(), StreamableNames.problem("public", name, List.of()), name);
            assertEquals(java.util.Optional.empty(), StreamableNames.problem(name, "t", List.of()), name);
        }
    }

    @Test
    void aNameBeginningOrEndingWithADoubleQuoteCannotBeParsed() {
        // x" reads back whole (an unquoted part may hold a quote), "Order "Items"" does not
        assertEquals(java.util.Optional.empty(), StreamableNames.problem("public", "x\"", List.of()));
        for (String name : List.of("Order \"Items\"", "\"quoted\"", "\"x", "Tabelle \"Zwei\"")) {
            String problem = StreamableNames.problem("public", name, List.of()).orElseThrow();
            assertTrue(problem.contains("Debezium"), problem);
            assertTrue(StreamableNames.problem(name, "t", List.of()).isPresent(), name);
        }
    }

    @Test
    void twoSingleQuotesOrBackticksInARowAreReadAsOne() {
        assertTrue(StreamableNames.problem("public", "it''s", List.of())
                .orElseThrow()
                .contains("another table"));
        assertTrue(StreamableNames.problem("public", "a``b", List.of()).isPresent());
    }

    @Test
    void columnsDifferingOnlyInCaseAreNamed() {
        String problem = StreamableNames.problem("public", "cased", List.of("id", "Name", "name"))
                .orElseThrow();
        assertEquals(
                "its columns \"Name\" and \"name\" differ only in case, which Debezium's decoder refuses", problem);
        assertTrue(StreamableNames.refusal("public", "cased", problem)
                .endsWith("rename one of the columns on the source"));
        assertEquals(
                java.util.Optional.empty(),
                StreamableNames.problem("public", "fine", List.of("id", "Name", "Größe", "größe ")));
    }

    @Test
    void theExcludePatternMatchesExactlyTheTable() {
        String pattern = StreamableNames.excludePattern("x\"", "Order (\"Items\"), 1.5$");
        assertEquals("x\"\\.Order \\(\"Items\"\\)\\, 1\\.5\\$", pattern);
        // Debezium splits the list at unescaped commas and drops the escaping backslash of a comma
        assertTrue(Pattern.compile(pattern.replace("\\,", ","))
                .matcher("x\".Order (\"Items\"), 1.5$")
                .matches());
    }

    @Test
    void debeziumsParserFailureIsRecognisedThroughItsWrappers() {
        IllegalArgumentException parser = assertThrows(
                IllegalArgumentException.class,
                () -> io.debezium.relational.TableId.parse("\"public\".Bad \"Name\"", false));
        assertTrue(UnstreamableTables.fromNameParser(new org.apache.kafka.connect.errors.ConnectException(
                "An exception occurred in the change event producer. This connector will be stopped.",
                new RuntimeException(parser))));
        assertTrue(UnstreamableTables.fromNameParser(
                new io.debezium.DebeziumException("Table 'public.cased' has columns that differ only by case.")));
        assertFalse(UnstreamableTables.fromNameParser(new IllegalArgumentException("Unexpected input: \"")));
    }
}
