package io.pg2polar.sink.status;

/**
 * JMX metrics of one sink task, registered as
 * {@code io.pg2polar:type=connector-metrics,context=sink,connector=<name>,task=<id>} in the style of Debezium's
 * {@code debezium.postgres:type=connector-metrics,context=streaming,server=<prefix>}. Counts are since the task
 * started and cover committed transactions only.
 */
public interface SinkTaskMetricsMXBean {

    long getSnapshotRowsApplied();

    long getInsertsApplied();

    long getUpdatesApplied();

    long getDeletesApplied();

    long getTruncatesApplied();

    long getDdlApplied();

    long getRecordsRejected();

    long getTransactionsCommitted();

    /** Tables that received snapshot rows and have not seen the end of their snapshot yet. */
    int getTablesInFullLoad();

    /** Tables whose snapshot ended or that received streamed changes. */
    int getTablesInIncremental();

    /** Chunks of the chunked full loads under way that this task applied (tables still loading). */
    long getFullLoadChunksDone();

    /** Chunks the chunked full loads under way have, as the source last estimated them (tables still loading). */
    long getFullLoadChunksTotal();

    /** Source commit to target commit of the newest change applied, in ms; -1 before the first. */
    long getLastChangeLatencyMillis();

    /**
     * Now minus the source time of the newest heartbeat this task applied, in ms: how far the target is behind
     * the source, also when the source is idle. -1 when this task receives no heartbeats (another task of the
     * connector has the heartbeat topic) or none arrived yet.
     */
    long getMilliSecondsBehindSource();

    /** When the newest transaction committed, ms since the epoch; -1 before the first. */
    long getLastCommitMillis();
}
