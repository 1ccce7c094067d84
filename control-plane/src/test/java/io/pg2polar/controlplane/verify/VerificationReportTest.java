package io.pg2polar.controlplane.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pg2polar.common.sql.TableId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerificationReportTest {

    private static final Instant START = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void isEqualOnlyWhenEveryTableIsEqual() {
        TableResult equal = new TableResult(new TableId("s", "a"), TableResult.EQUAL, 3, 3, List.of(), "", 0);
        TableResult skipped = new TableResult(
                new TableId("s", "b"), TableResult.SKIPPED, -1, -1, List.of(), "not verified: timeout", 0);
        assertTrue(new VerificationReport(START, Duration.ZERO, List.of(equal)).equal());
        assertFalse(new VerificationReport(START, Duration.ZERO, List.of(equal, skipped)).equal());
    }

    @Test
    void rendersAsJsonWithKeysInKeyOrder() throws Exception {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("tenant", "7");
        key.put("day", "2024-01-01");
        TableResult different = new TableResult(
                new TableId("s", "c"),
                TableResult.DIFFERENT,
                10,
                9,
                List.of(new KeyDifference(key, KeyDifference.MISSING_ON_TARGET, "(7,2024-01-01,x)", null)),
                "",
                1);
        VerificationReport report = new VerificationReport(START, Duration.ofMillis(1500), List.of(different));
        String json = report.toJson();
        JsonNode root = new ObjectMapper().readTree(json);
        assertEquals("2026-01-02T03:04:05Z", root.get("startedAt").asText());
        assertEquals(1500, root.get("tookMs").asLong());
        assertFalse(root.get("equal").asBoolean());
        JsonNode table = root.get("tables").get(0);
        assertEquals("DIFFERENT", table.get("status").asText());
        assertEquals(1, table.get("differenceCount").asLong());
        JsonNode difference = table.get("differences").get(0);
        assertTrue(json.contains("\"key\":{\"tenant\":\"7\",\"day\":\"2024-01-01\"}"), json);
        assertEquals("MISSING_ON_TARGET", difference.get("kind").asText());
        assertTrue(difference.get("targetRow").isNull());
        assertEquals(different, report.table("s", "c"));
        assertThrows(IllegalArgumentException.class, () -> report.table("s", "nope"));
    }

    @Test
    void optionsRejectNonsense() {
        VerifyOptions defaults = VerifyOptions.defaults();
        assertEquals(
                new VerifyOptions(
                        VerifyOptions.Mode.FULL, 100, Duration.ofSeconds(10), false, 64, Duration.ofSeconds(60)),
                defaults);
        assertThrows(IllegalArgumentException.class, () -> defaults.withMode(VerifyOptions.Mode.SAMPLE, 0));
        assertThrows(IllegalArgumentException.class, () -> defaults.withRecheckDelay(Duration.ofSeconds(-1)));
        assertEquals(
                VerifyOptions.Mode.SAMPLE,
                defaults.withMode(VerifyOptions.Mode.SAMPLE, 10).mode());
    }
}
