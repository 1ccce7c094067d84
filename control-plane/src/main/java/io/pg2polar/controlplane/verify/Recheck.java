package io.pg2polar.controlplane.verify;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads suspected differences again after a delay and keeps only those that persist, so changes still on their way
 * to the target are not reported. After each delay a suspect is read on the source, then on the target (which lags the
 * source, so it is read last) and is
 * <ul>
 * <li>dropped when both sides now agree: the change arrived, or the target was repaired;</li>
 * <li>kept as a difference when the sides still differ and the source value is the one seen before: the target had
 * the whole delay to catch up with a source row that did not move;</li>
 * <li>read again after another delay when the source value moved meanwhile, up to {@value #ROUNDS} delays; what is
 * still moving then is returned as unsettled, not as a difference.</li>
 * </ul>
 */
final class Recheck {

    static final int ROUNDS = 3;

    private final RecheckPause pause;
    private final Duration delay;

    /** What persisted and what was still changing on the source after the last delay. */
    record Outcome(List<Mismatch> persisting, List<Mismatch> unsettled) {}

    Recheck(RecheckPause pause, Duration delay) {
        this.pause = pause;
        this.delay = delay;
    }

    Outcome run(List<Mismatch> suspects, Fingerprints fingerprints) throws SQLException {
        List<Mismatch> open = suspects;
        List<Mismatch> persisting = new ArrayList<>();
        for (int round = 0; round < ROUNDS && !open.isEmpty(); round++) {
            pause();
            List<List<String>> keys = open.stream().map(Mismatch::key).toList();
            Map<List<String>, String> source = fingerprints.read(Side.SOURCE, keys);
            Map<List<String>, String> target = fingerprints.read(Side.TARGET, keys);
            List<Mismatch> moving = new ArrayList<>();
            for (Mismatch before : open) {
                Mismatch now = new Mismatch(before.key(), source.get(before.key()), target.get(before.key()));
                if (Objects.equals(now.sourceValue(), now.targetValue())) {
                    continue;
                }
                (Objects.equals(now.sourceValue(), before.sourceValue()) ? persisting : moving).add(now);
            }
            open = moving;
        }
        return new Outcome(persisting, open);
    }

    private void pause() {
        try {
            pause.await(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerificationException("Interrupted while waiting to re-check differences", e);
        }
    }
}
