package io.pg2polar.common.precheck;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import static io.pg2polar.common.precheck.PrecheckItem.Side.SOURCE;
import static io.pg2polar.common.precheck.PrecheckItem.Side.TARGET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrecheckReportTest {

    private static final PrecheckItem WAL_LEVEL =
            PrecheckItem.pass("source.wal_level", SOURCE, "database.hostname", "wal_level = logical", "logical");
    private static final PrecheckItem LONG_TX = PrecheckItem.warn(
            "source.long_transactions",
            SOURCE,
            "database.hostname",
            "No long-running transactions",
            "1 transactions are open longer than 10 s: pid 42 (app, open for 00:00:12, idle in transaction, query started 2026-01-01 00:00:00+00).",
            "End them.");
    private static final PrecheckItem CONFLICT = PrecheckItem.fail(
            "target.conflicting_tables",
            TARGET,
            "conflict.mode",
            "No conflicting tables",
            "Target tables that already hold rows: \"public\".\"item\".",
            "Empty them, or set conflict.mode = ignore.");

    @Test
    void failuresLandOnTheirFieldWithTheFixAndWarningsDoNotBlock() {
        PrecheckReport report = new PrecheckReport(List.of(WAL_LEVEL, LONG_TX, CONFLICT));
        assertFalse(report.passed());
        assertEquals(
                List.of(new PrecheckFinding(
                        "conflict.mode",
                        "Target tables that already hold rows: \"public\".\"item\". Empty them, or set"
                                + " conflict.mode = ignore.")),
                report.failures());
        assertEquals(List.of(LONG_TX), report.warnings());

        PrecheckReport withoutFailure = new PrecheckReport(List.of(WAL_LEVEL, LONG_TX));
        assertTrue(withoutFailure.passed());
        assertEquals(List.of(), withoutFailure.failures());
    }

    @Test
    void jsonCarriesEveryItemWithSideStatusAndCounts() {
        JsonNode json = new PrecheckReport(List.of(WAL_LEVEL, LONG_TX))
                .plus(new PrecheckReport(List.of(CONFLICT)))
                .toJson();
        assertFalse(json.path("passed").asBoolean());
        assertEquals(1, json.path("counts").path("PASS").asInt());
        assertEquals(1, json.path("counts").path("WARN").asInt());
        assertEquals(1, json.path("counts").path("FAIL").asInt());
        JsonNode items = json.path("items");
        assertEquals(3, items.size());
        JsonNode conflict = items.get(2);
        assertEquals("target.conflicting_tables", conflict.path("id").asText());
        assertEquals("TARGET", conflict.path("side").asText());
        assertEquals("FAIL", conflict.path("status").asText());
        assertEquals("conflict.mode", conflict.path("field").asText());
        assertEquals("No conflicting tables", conflict.path("title").asText());
        assertTrue(conflict.path("detail").asText().contains("\"public\".\"item\""));
        assertEquals(
                "Empty them, or set conflict.mode = ignore.",
                conflict.path("fix").asText());
        assertEquals("", items.get(0).path("fix").asText());
        assertEquals("SOURCE", items.get(0).path("side").asText());
    }

    @Test
    void theLogBlockHasAHeadlineAndOneLinePerItem() {
        String block = new PrecheckReport(List.of(WAL_LEVEL, LONG_TX, CONFLICT)).describe();
        List<String> lines = block.lines().toList();
        assertEquals("pg2polar precheck: FAILED (1 PASS, 1 WARN, 1 FAIL)", lines.get(0));
        assertEquals("  [PASS] source wal_level = logical: logical", lines.get(1));
        assertTrue(
                lines.get(2).startsWith("  [WARN] source No long-running transactions: 1 transactions")
                        && lines.get(2).endsWith("-> End them."),
                lines.get(2));
        assertTrue(lines.get(3).startsWith("  [FAIL] target No conflicting tables:"), lines.get(3));
        assertEquals(4, lines.size());
    }

    @Test
    void anEmptyReportPasses() {
        assertTrue(new PrecheckReport(List.of()).passed());
        assertEquals("pg2polar precheck: passed (0 PASS, 0 WARN, 0 FAIL)", new PrecheckReport(List.of()).describe());
    }
}
