package io.pg2polar.it.kit;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polling until a condition holds on a real server, with a deadline and a message saying what did not happen. */
public final class Await {

    private Await() {}

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + " waiting until " + what);
            }
            pause(Duration.ofMillis(200));
        }
    }

    /** Polls until {@code poll} returns a value (not null), and returns it. */
    public static <T> T value(String what, Duration timeout, java.util.function.Supplier<T> poll) {
        return value(what, timeout, poll, Duration.ofMillis(500));
    }

    /** Polls every {@code interval} until {@code poll} returns a value (not null), and returns it. */
    public static <T> T value(String what, Duration timeout, java.util.function.Supplier<T> poll, Duration interval) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T value = poll.get();
            if (value != null) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + " waiting until " + what);
            }
            pause(interval);
        }
    }

    /** Waits between two polls of a server. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}
