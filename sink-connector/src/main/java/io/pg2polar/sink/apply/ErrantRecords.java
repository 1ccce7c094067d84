package io.pg2polar.sink.apply;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sets records aside through Connect's errant record reporter ({@code errors.tolerance=all}), waiting until each is stored. */
public final class ErrantRecords {

    private static final Logger LOG = LoggerFactory.getLogger(ErrantRecords.class);

    private final ErrantRecordReporter reporter;
    private final AtomicLong reported = new AtomicLong();

    /** @param reporter Connect's reporter, or null when records may not be set aside (they fail the task instead) */
    public ErrantRecords(ErrantRecordReporter reporter) {
        this.reporter = reporter;
    }

    /** Whether records may be set aside. */
    public boolean enabled() {
        return reporter != null;
    }

    /** How many records were set aside since the task started. */
    public long reported() {
        return reported.get();
    }

    /** Hands a record to the reporter and waits until it is stored, so nothing is dropped silently. */
    public void report(SinkRecord record, Exception problem) {
        try {
            reporter.report(record, problem).get();
            reported.incrementAndGet();
            LOG.warn(
                    "Set aside record {}[{}]@{} ({} so far): {}",
                    record.topic(),
                    record.kafkaPartition(),
                    record.kafkaOffset(),
                    reported.get(),
                    problem.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while reporting a rejected record", e);
        } catch (ExecutionException e) {
            throw new ConnectException(
                    "Could not hand a rejected record to the errant record reporter: "
                            + e.getCause().getMessage(),
                    e);
        }
    }
}
