package io.pg2polar.sink.status;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.sql.TableId;

/**
 * The task's totals behind {@link SinkTaskMetricsMXBean}: updated by the task thread after each commit, read by
 * JMX clients and the progress log from other threads.
 */
public final class SinkTaskMetrics implements SinkTaskMetricsMXBean, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkTaskMetrics.class);

    private final Clock clock;
    private final Map<TableId, TableCounts> tables = new HashMap<>();
    private final TableCounts totals = new TableCounts();
    private long transactions;
    private long lastLatencyMillis = -1;
    private long lastHeartbeatSourceMillis = -1;
    private long lastCommitMillis = -1;
    private ObjectName registeredAs;

    public SinkTaskMetrics(Clock clock) {
        this.clock = clock;
    }

    /** The MBean name of a task. */
    public static ObjectName nameOf(String connector, int task) {
        try {
            return new ObjectName("io.pg2polar:type=connector-metrics,context=sink,connector="
                    + ObjectName.quote(connector) + ",task=" + task);
        } catch (JMException e) {
            throw new IllegalArgumentException("No MBean name for connector " + connector, e);
        }
    }

    /** Registers with the platform MBean server, replacing a stale registration of the same task. */
    public SinkTaskMetrics register(String connector, int task) {
        ObjectName name = nameOf(connector, task);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(this, name);
            registeredAs = name;
        } catch (JMException e) {
            LOG.warn("Could not register the sink metrics as {}: {}", name, e.getMessage());
        }
        return this;
    }

    synchronized void committed(Map<TableId, TableCounts> applied, long heartbeatSourceMillis, long commitMillis) {
        for (Map.Entry<TableId, TableCounts> entry : applied.entrySet()) {
            tables.computeIfAbsent(entry.getKey(), t -> new TableCounts()).add(entry.getValue());
            TableCounts counts = entry.getValue();
            totals.sum(counts);
            if (counts.lastSourceMillis != null && (counts.changes() > 0 || counts.snapshotRows > 0)) {
                lastLatencyMillis = Math.max(0, commitMillis - counts.lastSourceMillis);
            }
        }
        if (heartbeatSourceMillis > lastHeartbeatSourceMillis) {
            lastHeartbeatSourceMillis = heartbeatSourceMillis;
        }
        transactions++;
        lastCommitMillis = commitMillis;
    }

    /** Rows and changes applied in all, for rates. */
    public synchronized long rowsApplied() {
        return totals.snapshotRows + totals.changes();
    }

    @Override
    public synchronized long getSnapshotRowsApplied() {
        return totals.snapshotRows;
    }

    @Override
    public synchronized long getInsertsApplied() {
        return totals.inserts;
    }

    @Override
    public synchronized long getUpdatesApplied() {
        return totals.updates;
    }

    @Override
    public synchronized long getDeletesApplied() {
        return totals.deletes;
    }

    @Override
    public synchronized long getTruncatesApplied() {
        return totals.truncates;
    }

    @Override
    public synchronized long getDdlApplied() {
        return totals.ddl;
    }

    @Override
    public synchronized long getRecordsRejected() {
        return totals.rejected;
    }

    @Override
    public synchronized long getTransactionsCommitted() {
        return transactions;
    }

    @Override
    public synchronized int getTablesInFullLoad() {
        return (int) tables.values().stream()
                .filter(t -> t.loading || (t.snapshotRows > 0 && !t.snapshotDone && t.changes() == 0))
                .count();
    }

    @Override
    public synchronized int getTablesInIncremental() {
        return (int) tables.values().stream()
                .filter(t -> !t.loading && (t.snapshotDone || t.changes() > 0))
                .count();
    }

    @Override
    public synchronized long getFullLoadChunksDone() {
        return tables.values().stream()
                .filter(t -> t.loading)
                .mapToLong(t -> t.chunksDone)
                .sum();
    }

    @Override
    public synchronized long getFullLoadChunksTotal() {
        return tables.values().stream()
                .filter(t -> t.loading)
                .mapToLong(t -> Math.max(0, t.chunksTotal))
                .sum();
    }

    @Override
    public synchronized long getLastChangeLatencyMillis() {
        return lastLatencyMillis;
    }

    @Override
    public synchronized long getMilliSecondsBehindSource() {
        return lastHeartbeatSourceMillis < 0 ? -1 : Math.max(0, clock.millis() - lastHeartbeatSourceMillis);
    }

    @Override
    public synchronized long getLastCommitMillis() {
        return lastCommitMillis;
    }

    @Override
    public void close() {
        if (registeredAs != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(registeredAs);
            } catch (JMException e) {
                LOG.debug("Could not unregister {}: {}", registeredAs, e.getMessage());
            }
            registeredAs = null;
        }
    }
}
