package io.pg2polar.it;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.FaultMigration;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.servers.connect.ConnectWorker;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A Connect cluster of two workers, as in production: the worker running the source task is killed with SIGKILL and
 * does not come back; the other worker takes its tasks over after {@code scheduled.rebalance.max.delay.ms} as
 * {@code connect-configs/connect-distributed.properties} sets it, and the migration goes on with nothing lost.
 */
class WorkerFailoverIT {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerFailoverIT.class);
    private static final String REBALANCE_DELAY = "scheduled.rebalance.max.delay.ms";

    @RegisterExtension
    static final MigrationEnvironment env =
            MigrationEnvironment.dedicated(Map.of(REBALANCE_DELAY, ConnectWorker.shippedSetting(REBALANCE_DELAY)));

    @Test
    void theOtherWorkerTakesOverTheTasksOfAKilledOne() {
        ConnectWorker second = env.addWorker();
        try (FaultMigration migration =
                FaultMigration.prepare(env, "failover", 0).start(Map.of(), Map.of())) {
            migration.awaitStreaming(Duration.ofMinutes(3));
            String sourceWorker = taskWorker(migration.sourceConnector().name());
            ConnectWorker victim = List.of(env.worker(), second).stream()
                    .filter(w -> w.workerId().equals(sourceWorker))
                    .findFirst()
                    .orElseThrow(() ->
                            new AssertionError("no worker of this cluster runs the source task: " + sourceWorker));

            victim.kill();
            Instant killed = Instant.now();

            Duration recovery = migration.awaitRecovery(killed, Duration.ofMinutes(3));
            String survivor = victim == second ? env.worker().workerId() : second.workerId();
            // the status topic may still name the killed worker for a moment after the survivor took the task over
            Await.until(
                    "the source task's status names the surviving worker " + survivor,
                    Duration.ofMinutes(1),
                    () -> survivor.equals(taskWorker(migration.sourceConnector().name())));
            assertNotEquals(sourceWorker, survivor);
            LOG.info(
                    "FAULT worker killed, tasks taken over by the other worker: lag under 1 s {} ms after the kill",
                    recovery.toMillis());
            migration.finish(Duration.ofMinutes(3));
        }
    }

    private static String taskWorker(String connector) {
        return env.rest()
                .status(connector)
                .path("tasks")
                .get(0)
                .path("worker_id")
                .asText();
    }
}
