package io.pg2polar.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.DatabaseComparison.Side;
import io.pg2polar.it.kit.FamilyTables;
import io.pg2polar.it.kit.FamilyWorkload;
import io.pg2polar.it.kit.KeylessLogTable;
import io.pg2polar.it.kit.LiveWriter;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Slots;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

/**
 * Exactly-once effect: the Connect worker is killed with SIGKILL (no shutdown, no final offset commit) again and
 * again while applications write, including to a table without a primary key full of identical rows; at the
 * end every table on the target holds exactly the source's rows - no duplicate, no loss.
 */
class CrashReplayIT {

    @RegisterExtension
    static final MigrationEnvironment env = MigrationEnvironment.dedicated();

    private static final int KILLS = 3;

    @Test
    void repeatedWorkerKillsUnderLiveWritersChangeNothing() {
        String sourceDb = "crash_src";
        String targetDb = "crash_tgt";
        env.source().createDatabase(sourceDb);
        env.target().createDatabase(targetDb);
        FamilyTables.create(env.source(), sourceDb);
        FamilyTables.create(env.target(), targetDb);
        FamilyTables.load(env.source(), sourceDb, 2_000);
        KeylessLogTable.create(env.source(), sourceDb, 300);
        KeylessLogTable.create(env.target(), targetDb, 0);
        List<TableId> tables = new ArrayList<>(FamilyTables.ALL);
        tables.add(KeylessLogTable.TABLE);

        // a killed worker leaves its last source transaction open; the replacement reads the offsets topic
        // read_committed and waits for that transaction to time out: 10 s instead of the default 60, and
        // Debezium's restart wait after a lost connection well inside it (validate() refuses it otherwise)
        Definition source = ConnectorConfigs.source(
                "crash",
                sourceDb,
                Map.of(
                        "producer.override.transaction.timeout.ms",
                        "10000",
                        "retriable.restart.connector.wait.ms",
                        "1000"));
        Definition sink = ConnectorConfigs.sink("crash", targetDb, ConnectorConfigs.KILLED_WORKER_FAILOVER);
        try (LiveWriter family = LiveWriter.start(env.source(), sourceDb, new FamilyWorkload(), 25);
                LiveWriter log = LiveWriter.start(env.source(), sourceDb, new KeylessLogTable(), 25)) {
            env.rest().putConnector(source.name(), source.config());
            env.rest().putConnector(sink.name(), sink.config());
            for (int kill = 0; kill < KILLS; kill++) {
                env.rest().awaitRunning(source.name(), Duration.ofMinutes(2));
                env.rest().awaitRunning(sink.name(), Duration.ofMinutes(2));
                long before = family.transactions();
                Await.until(
                        "the writers make progress before kill " + (kill + 1),
                        Duration.ofMinutes(1),
                        () -> family.transactions() > before + 60);
                env.worker().kill();
                env.worker().launch();
            }
            env.rest().awaitRunning(source.name(), Duration.ofMinutes(2));
            env.rest().awaitRunning(sink.name(), Duration.ofMinutes(2));
            family.stop();
            log.stop();
        }

        DatabaseComparison.awaitIdentical(
                new Side(env.source(), sourceDb), new Side(env.target(), targetDb), tables, Duration.ofMinutes(4));
        env.rest().delete(sink.name());
        env.rest().delete(source.name());
        Slots.drop(env.source(), sourceDb, "pg2polar_crash_source");
    }
}
