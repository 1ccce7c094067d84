package io.pg2polar.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.DatabaseComparison.Side;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

/**
 * A sink that starts after the source has read the whole full load - registered late, or restarted mid-load - of
 * a table of repetitive rows, on a worker with a small heap. The producer compresses such rows manyfold, so a few
 * megabytes of fetched batches held hundreds of megabytes of chunk text once Connect had converted a poll's
 * records for {@code put}: the worker ran out of heap (until 2026-12-02). Chunks now carry their text compressed
 * and the sink decompresses one chunk at a time, as it applies it.
 */
class LateSinkFullLoadIT {

    /** Heap enough for the worker and both plugins, far less than the table's text. */
    @RegisterExtension
    static final MigrationEnvironment env = MigrationEnvironment.dedicated(Map.of("pg2polar.worker.max.heap", "200m"));

    private static final TableId DOCUMENTS = new TableId("public", "documents");
    /** About 170 MB of COPY text: 170 000 rows of 1 KB. */
    private static final int ROWS = 170_000;

    @Test
    void sinkStartedAfterTheWholeLoadWasReadAppliesItOnASmallHeap() {
        String sourceDb = "late_src";
        String targetDb = "late_tgt";
        env.source().createDatabase(sourceDb);
        env.target().createDatabase(targetDb);
        env.source().execute(sourceDb, "CREATE TABLE documents (id int PRIMARY KEY, body text);"
                + " INSERT INTO documents SELECT g, g || repeat(' pg2polar', 110) FROM generate_series(1, " + ROWS + ") g");
        Definition source = ConnectorConfigs.source("late", sourceDb, Map.of());
        Definition sink = ConnectorConfigs.sink("late", targetDb, Map.of());

        env.rest().putConnector(source.name(), source.config());
        // Debezium streams, and writes heartbeats, only after the full load's last chunk was sent
        assertFalse(env.broker().testKit().consume(1, Duration.ofMinutes(3).toMillis(), "late.pg2polar.heartbeat").isEmpty());
        env.rest().putConnector(sink.name(), sink.config());
        env.rest().awaitRunning(sink.name(), Duration.ofMinutes(1));

        Await.until("the sink to load every row, its tasks running", Duration.ofMinutes(4), () -> {
            for (JsonNode task : env.rest().status(sink.name()).path("tasks")) {
                if ("FAILED".equals(task.path("state").asText())) {
                    throw new AssertionError("A sink task failed: " + task.path("trace").asText());
                }
            }
            return Long.valueOf(ROWS).equals(count(targetDb));
        });
        DatabaseComparison.assertIdentical(new Side(env.source(), sourceDb), new Side(env.target(), targetDb), List.of(DOCUMENTS));
    }

    private static Long count(String targetDb) {
        try (Connection connection = env.target().connect(targetDb); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM documents")) {
            rs.next();
            return rs.getLong(1);
        }
        catch (SQLException e) {
            return null; // the sink has not created the table yet
        }
    }
}
