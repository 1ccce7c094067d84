package io.pg2polar.sink.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryWindowsTest {

    private final MutableClock clock = new MutableClock();
    private final RetryWindows windows = new RetryWindows(Duration.ofMinutes(120), Duration.ofMinutes(10), clock);

    @Test
    void retriesWithGrowingBackoffUntilTheWindowCloses() {
        assertEquals(Optional.of(Duration.ofSeconds(1)), windows.failed(RetryWindows.Kind.CONNECTION));
        assertEquals(Optional.of(Duration.ofSeconds(2)), windows.failed(RetryWindows.Kind.CONNECTION));
        assertEquals(Optional.of(Duration.ofSeconds(4)), windows.failed(RetryWindows.Kind.CONNECTION));
        for (int i = 0; i < 10; i++) {
            windows.failed(RetryWindows.Kind.CONNECTION);
        }
        assertEquals(Optional.of(Duration.ofSeconds(10)), windows.failed(RetryWindows.Kind.CONNECTION));
        clock.advance(Duration.ofMinutes(119));
        assertTrue(windows.failed(RetryWindows.Kind.CONNECTION).isPresent());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(windows.failed(RetryWindows.Kind.CONNECTION).isEmpty(), "after 120 minutes the failure is final");
    }

    @Test
    void successClosesTheWindowSoTheNextOutageGetsAFullOne() {
        windows.failed(RetryWindows.Kind.APPLY);
        clock.advance(Duration.ofMinutes(9));
        windows.succeeded();
        clock.advance(Duration.ofMinutes(5));
        windows.failed(RetryWindows.Kind.APPLY);
        clock.advance(Duration.ofMinutes(9));
        assertTrue(windows.failed(RetryWindows.Kind.APPLY).isPresent());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(windows.failed(RetryWindows.Kind.APPLY).isEmpty());
    }

    @Test
    void applyWindowMustBeSmaller() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetryWindows(Duration.ofMinutes(10), Duration.ofMinutes(10), clock));
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
