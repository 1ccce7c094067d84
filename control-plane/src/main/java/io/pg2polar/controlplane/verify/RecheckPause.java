package io.pg2polar.controlplane.verify;

import java.time.Duration;

/**
 * Waits out the re-check delay between finding differences and reading them again. The default sleeps; a caller
 * may act during the pause (tests repair a row there) or shorten it.
 */
@FunctionalInterface
public interface RecheckPause {

    /** Sleeps for the delay. */
    RecheckPause SLEEP = delay -> Thread.sleep(delay.toMillis());

    /** Returns when the differences should be read again. */
    void await(Duration delay) throws InterruptedException;
}
