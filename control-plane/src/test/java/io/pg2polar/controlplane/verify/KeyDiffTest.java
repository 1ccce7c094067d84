package io.pg2polar.controlplane.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeyDiffTest {

    @Test
    void namesDifferentMissingAndExtraKeysInSourceOrderThenTargetOrder() {
        Map<List<String>, String> source = ordered("1", "a", "2", "b", "3", "c");
        Map<List<String>, String> target = ordered("4", "d", "2", "x", "1", "a", "0", "z");
        assertEquals(
                List.of(
                        new Mismatch(List.of("2"), "b", "x"),
                        new Mismatch(List.of("3"), "c", null),
                        new Mismatch(List.of("4"), null, "d"),
                        new Mismatch(List.of("0"), null, "z")),
                KeyDiff.diff(source, target));
    }

    @Test
    void equalSidesHaveNoMismatch() {
        assertEquals(List.of(), KeyDiff.diff(ordered("1", "a"), ordered("1", "a")));
        assertEquals(List.of(), KeyDiff.diff(Map.of(), Map.of()));
    }

    @Test
    void compositeKeysMatchColumnByColumn() {
        Map<List<String>, String> source = Map.of(List.of("a", "1"), "h1", List.of("a", "2"), "h2");
        Map<List<String>, String> target = Map.of(List.of("a", "1"), "h1", List.of("a1", ""), "h2");
        assertEquals(2, KeyDiff.diff(source, target).size());
    }

    private static Map<List<String>, String> ordered(String... keysAndValues) {
        Map<List<String>, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(List.of(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return map;
    }
}
