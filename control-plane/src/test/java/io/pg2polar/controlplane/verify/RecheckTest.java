package io.pg2polar.controlplane.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecheckTest {

    private static final List<String> K = List.of("7");

    /** Both sides' values per round, as a test scripts them. */
    private static final class ScriptedSides implements Fingerprints {
        private final List<Map<Side, String>> rounds = new ArrayList<>();
        private int reads;

        ScriptedSides then(String source, String target) {
            Map<Side, String> round = new HashMap<>();
            round.put(Side.SOURCE, source);
            round.put(Side.TARGET, target);
            rounds.add(round);
            return this;
        }

        @Override
        public Map<List<String>, String> read(Side side, List<List<String>> keys) {
            String value = rounds.get(reads++ / 2).get(side);
            return value == null ? Map.of() : Map.of(K, value);
        }
    }

    private final List<Duration> pauses = new ArrayList<>();
    private final Recheck recheck = new Recheck(pauses::add, Duration.ofSeconds(3));

    @Test
    void aDifferenceRepairedDuringTheDelayIsDropped() throws Exception {
        Recheck.Outcome outcome = recheck.run(List.of(new Mismatch(K, "a", "x")), new ScriptedSides().then("a", "a"));
        assertEquals(List.of(), outcome.persisting());
        assertEquals(List.of(), outcome.unsettled());
        assertEquals(List.of(Duration.ofSeconds(3)), pauses);
    }

    @Test
    void aDifferenceOnAStillSourceRowPersists() throws Exception {
        Recheck.Outcome outcome = recheck.run(List.of(new Mismatch(K, "a", null)), new ScriptedSides().then("a", null));
        assertEquals(List.of(new Mismatch(K, "a", null)), outcome.persisting());
    }

    @Test
    void aRowMovingOnTheSourceIsReadAgainAndReportedOnceItStops() throws Exception {
        Recheck.Outcome outcome = recheck.run(
                List.of(new Mismatch(K, "a", "x")),
                new ScriptedSides().then("b", "a").then("b", "x"));
        assertEquals(List.of(new Mismatch(K, "b", "x")), outcome.persisting());
        assertEquals(2, pauses.size());
    }

    @Test
    void aRowThatNeverStopsMovingIsUnsettledNotDifferent() throws Exception {
        Recheck.Outcome outcome = recheck.run(
                List.of(new Mismatch(K, "a", "x")),
                new ScriptedSides().then("b", "a").then("c", "b").then("d", "c"));
        assertEquals(List.of(), outcome.persisting());
        assertEquals(List.of(new Mismatch(K, "d", "c")), outcome.unsettled());
        assertEquals(Recheck.ROUNDS, pauses.size());
    }

    @Test
    void nothingToRecheckMeansNoWait() throws Exception {
        recheck.run(List.of(), new ScriptedSides());
        assertTrue(pauses.isEmpty());
    }

    @Test
    void anInterruptedPauseEndsTheRunAndKeepsTheInterrupt() {
        Recheck interrupted = new Recheck(
                delay -> {
                    throw new InterruptedException();
                },
                Duration.ofSeconds(1));
        assertThrows(
                VerificationException.class,
                () -> interrupted.run(List.of(new Mismatch(K, "a", "x")), new ScriptedSides()));
        assertTrue(Thread.interrupted());
    }
}
