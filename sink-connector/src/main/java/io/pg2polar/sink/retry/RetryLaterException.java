package io.pg2polar.sink.retry;

import java.time.Duration;

import org.apache.kafka.connect.errors.RetriableException;

/** Nothing of the batch was applied; Connect should hand the same records again after {@link #backoff()}. */
public class RetryLaterException extends RetriableException {

    private static final long serialVersionUID = 1L;
    private final transient Duration backoff;

    public RetryLaterException(String message, Duration backoff, Throwable cause) {
        super(message, cause);
        this.backoff = backoff;
    }

    public Duration backoff() {
        return backoff;
    }
}
