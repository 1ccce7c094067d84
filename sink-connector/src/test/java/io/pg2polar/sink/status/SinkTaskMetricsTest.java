package io.pg2polar.sink.status;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import io.pg2polar.common.sql.TableId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SinkTaskMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void committedCountsAreReadableThroughJmxUnderDebeziumStyleName() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = SinkTaskMetrics.nameOf("orders-sink", 1);
        try (SinkTaskMetrics metrics =
                new SinkTaskMetrics(Clock.fixed(NOW, ZoneOffset.UTC)).register("orders-sink", 1)) {
            TableCounts loading = new TableCounts();
            loading.snapshotRows = 500;
            loading.lastSourceMillis = NOW.toEpochMilli() - 2_000;
            TableCounts streaming = new TableCounts();
            streaming.inserts = 3;
            streaming.updates = 2;
            streaming.deletes = 1;
            streaming.ddl = 1;
            streaming.snapshotDone = true;
            streaming.lastSourceMillis = NOW.toEpochMilli() - 250;
            metrics.committed(Map.of(new TableId("public", "a"), loading), -1, NOW.toEpochMilli());
            metrics.committed(
                    Map.of(new TableId("public", "b"), streaming), NOW.toEpochMilli() - 1_500, NOW.toEpochMilli());

            assertEquals(
                    "io.pg2polar:type=connector-metrics,context=sink,connector=\"orders-sink\",task=1",
                    name.toString());
            assertEquals(500L, server.getAttribute(name, "SnapshotRowsApplied"));
            assertEquals(3L, server.getAttribute(name, "InsertsApplied"));
            assertEquals(2L, server.getAttribute(name, "UpdatesApplied"));
            assertEquals(1L, server.getAttribute(name, "DeletesApplied"));
            assertEquals(1L, server.getAttribute(name, "DdlApplied"));
            assertEquals(2L, server.getAttribute(name, "TransactionsCommitted"));
            assertEquals(1, server.getAttribute(name, "TablesInFullLoad"));
            assertEquals(1, server.getAttribute(name, "TablesInIncremental"));
            assertEquals(250L, server.getAttribute(name, "LastChangeLatencyMillis"));
            assertEquals(1_500L, server.getAttribute(name, "MilliSecondsBehindSource"));
            assertEquals(506L, metrics.rowsApplied());
        }
        assertFalse(server.isRegistered(name), "closing the task unregisters its metrics");
    }

    @Test
    void aRestartedSnapshotReplacesTheTablesRowsButNotTheTotals() {
        SinkTaskMetrics metrics = new SinkTaskMetrics(Clock.fixed(NOW, ZoneOffset.UTC));
        TableId table = new TableId("public", "a");
        TableCounts first = new TableCounts();
        first.snapshotRows = 100;
        TableCounts restarted = new TableCounts();
        restarted.snapshotRows = 40;
        restarted.snapshotRestarted = true;
        metrics.committed(Map.of(table, first), -1, NOW.toEpochMilli());
        metrics.committed(Map.of(table, restarted), -1, NOW.toEpochMilli());
        assertEquals(140, metrics.getSnapshotRowsApplied());
        assertEquals(-1, metrics.getMilliSecondsBehindSource(), "no heartbeat applied yet");
        assertTrue(new ProgressLog("orders-sink task 0", metrics, Clock.fixed(NOW, ZoneOffset.UTC))
                .line(140, 30_000, 140)
                .startsWith("orders-sink task 0: 140 rows and changes applied in the last 30 s (4/s)"));
    }
}
