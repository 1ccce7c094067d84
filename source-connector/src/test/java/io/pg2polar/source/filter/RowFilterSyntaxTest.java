package io.pg2polar.source.filter;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowFilterSyntaxTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "id > 0",
                "region = 'EU' AND amount >= 100",
                "note <> 'a; drop table canary; --'",
                "note <> 'it''s /* not a comment */'",
                "note <> E'a\\'; drop table canary; --'",
                "note <> $$a); drop table canary; --$$",
                "note <> $tag$ $$ ; $x$ ) $tag$",
                "\"we;ird\"\"name\" > 0",
                "U&\"d\\0061ta\" > 0",
                "note = U&'d\\0061ta;--'",
                "bits = B'0101' OR hex = X'1F'",
                "note = N'x;y'",
                "note = 'con'\n  'tinued;'",
                "a$$b > 0 AND c$ = 1",
                "amount BETWEEN 1.5 AND .5e3 AND x > 1e-3",
                "(a > 1) AND (b < 2 OR (c = 3))",
                "tags @> ARRAY['x'] AND price::numeric >= 10",
                "name ~ '^[a-z]+$'",
                "naïve_column = 'ü'"
            })
    void oneExpressionIsAccepted(String condition) {
        assertEquals(Optional.empty(), RowFilterSyntax.problem(condition), condition);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "id > 0); drop table canary; --",
                "id > 0) ; drop table canary; select (1",
                "id > 0)/**/;drop table canary;/*",
                "name <> $q$'$q$); drop table canary; --'",
                "id > 0; drop table canary",
                "id > 0 -- the rest of the line",
                "id > 0 /* hidden */",
                "id >/* hidden */0",
                "id > 0)",
                "(id > 0",
                "id > 0) OR (true",
                "note = 'unterminated",
                "note = E'ends in an escaped quote\\'",
                "note = \"unterminated",
                "note = $q$unterminated $Q$",
                "note = $$",
                "id = $1",
                "x = 1e'\\'' ; drop table canary; --'",
                "x = 1_000$$ ; $$",
                "x = 0x1F",
                "id > 0\u000b",
                "id > 0\0; drop table canary",
                "note = 'a\\'' ; drop table canary; select ''",
                "note = 'a'\n'b' -- comment",
                "   "
            })
    void anythingThatCouldLeaveItsParenthesesIsRefused(String condition) {
        assertTrue(RowFilterSyntax.problem(condition).isPresent(), condition);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id > 0 ; drop table canary", "id > 0 ;"})
    void theReasonSaysWhatAndWhere(String condition) {
        String problem = RowFilterSyntax.problem(condition).orElseThrow();
        assertTrue(problem.contains("';'") && problem.contains("character"), problem);
    }

    @org.junit.jupiter.api.Test
    void aBackslashBeforeAQuoteIsReadBothWays() {
        // standard strings end at the second quote; with standard_conforming_strings off the first \' is escaped
        String problem = RowFilterSyntax.problem("note = 'a\\' OR note = '; drop table canary; --'")
                .orElseThrow();
        assertTrue(problem.contains("standard_conforming_strings is off"), problem);
        assertEquals(Optional.empty(), RowFilterSyntax.problem("path LIKE 'C:\\\\%'"));
    }
}
