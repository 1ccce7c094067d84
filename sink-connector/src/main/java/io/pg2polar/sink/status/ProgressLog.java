package io.pg2polar.sink.status;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A progress line in the worker log every 30 s while the task applies changes, so long full loads show how far
 * they are without JMX: rows and rate since the last line, tables per phase, lag.
 */
public final class ProgressLog {

    static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

    private final String task;
    private final SinkTaskMetrics metrics;
    private final Clock clock;
    private long lastLoggedMillis;
    private long rowsAtLastLine;

    public ProgressLog(String task, SinkTaskMetrics metrics, Clock clock) {
        this.task = task;
        this.metrics = metrics;
        this.clock = clock;
        this.lastLoggedMillis = clock.millis();
    }

    /** Logs a line when the interval has passed and something was applied since the last one. */
    public void maybeLog() {
        long now = clock.millis();
        long elapsed = now - lastLoggedMillis;
        if (elapsed < INTERVAL.toMillis()) {
            return;
        }
        long rows = metrics.rowsApplied();
        if (rows > rowsAtLastLine) {
            LOG.info(line(rows - rowsAtLastLine, elapsed, rows));
        }
        lastLoggedMillis = now;
        rowsAtLastLine = rows;
    }

    String line(long rowsSinceLast, long elapsedMillis, long rowsTotal) {
        long behind = metrics.getMilliSecondsBehindSource();
        return String.format(
                "%s: %,d rows and changes applied in the last %d s (%,d/s), %,d in all (%,d snapshot rows, %,d inserts,"
                        + " %,d updates, %,d deletes, %,d DDL); %d tables in full load, %d incremental; %s",
                task,
                rowsSinceLast,
                elapsedMillis / 1000,
                rowsSinceLast * 1000 / Math.max(1, elapsedMillis),
                rowsTotal,
                metrics.getSnapshotRowsApplied(),
                metrics.getInsertsApplied(),
                metrics.getUpdatesApplied(),
                metrics.getDeletesApplied(),
                metrics.getDdlApplied(),
                metrics.getTablesInFullLoad(),
                metrics.getTablesInIncremental(),
                behind < 0
                        ? "latency of the newest change " + metrics.getLastChangeLatencyMillis() + " ms"
                        : String.format("%.1f s behind the source", behind / 1000.0));
    }
}
