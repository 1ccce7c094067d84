package io.pg2polar.sink.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * DTS's two retry windows: one for a lost target connection, a shorter one for statements the target rejects.
 * A window opens at the first failure of its kind and closes at the next success, so each outage or each
 * stubborn batch gets the full window. Retries back off exponentially up to a cap, short enough that the first
 * attempt after a target comes back follows within seconds.
 */
public final class RetryWindows {

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    /** Ten seconds: a target back from an outage waited up to 30 s for the next attempt with a cap of 30. */
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    /** Which window a failure falls in. */
    public enum Kind {
        CONNECTION,
        APPLY
    }

    private final Duration connectionWindow;
    private final Duration applyWindow;
    private final Clock clock;
    private Kind failing;
    private Instant firstFailure;
    private int attempts;

    public RetryWindows(Duration connectionWindow, Duration applyWindow, Clock clock) {
        if (applyWindow.compareTo(connectionWindow) >= 0) {
            throw new IllegalArgumentException(
                    "The apply retry window must be smaller than the connection retry window");
        }
        this.connectionWindow = connectionWindow;
        this.applyWindow = applyWindow;
        this.clock = clock;
    }

    /**
     * Records a failure.
     *
     * @return how long to wait before the next attempt, or empty when the window has closed and the failure is final
     */
    public Optional<Duration> failed(Kind kind) {
        Instant now = clock.instant();
        if (kind != failing) {
            failing = kind;
            firstFailure = now;
            attempts = 0;
        }
        attempts++;
        Duration window = kind == Kind.CONNECTION ? connectionWindow : applyWindow;
        if (Duration.between(firstFailure, now).compareTo(window) >= 0) {
            return Optional.empty();
        }
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 5));
        return Optional.of(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff);
    }

    /** How long the current failure has lasted. */
    public Duration failingFor() {
        return firstFailure == null ? Duration.ZERO : Duration.between(firstFailure, clock.instant());
    }

    public Duration window(Kind kind) {
        return kind == Kind.CONNECTION ? connectionWindow : applyWindow;
    }

    /** A batch was applied: every window closes. */
    public void succeeded() {
        failing = null;
        firstFailure = null;
        attempts = 0;
    }
}
