package io.pg2polar.it;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.FaultMigration;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Slots;
import io.pg2polar.servers.postgres.PostgresServer.ShutdownMode;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults of the source PostgreSQL. It restarts - stopped fast (sessions ended, a checkpoint written) or immediately (a
 * crash: no checkpoint, WAL replayed at the next start) - while one migration is in its full load and another streams
 * changes, applications writing throughout and reconnecting as applications do: both migrations resume and end with
 * every row equal on both sides. And it invalidates the slot of a stopped migration ({@code max_slot_wal_keep_size}):
 * the source task fails at once naming the slot, the lost WAL and the way back, which then works.
 */
class SourceFaultsIT {

    private static final Logger LOG = LoggerFactory.getLogger(SourceFaultsIT.class);

    @RegisterExtension
    static final MigrationEnvironment env = MigrationEnvironment.dedicated();

    @Test
    void fastRestartDuringTheFullLoadAndWhileChangesStream() {
        restartDuringTheFullLoadAndWhileChangesStream(ShutdownMode.FAST, "fast");
    }

    @Test
    void crashRestartDuringTheFullLoadAndWhileChangesStream() {
        restartDuringTheFullLoadAndWhileChangesStream(ShutdownMode.IMMEDIATE, "crash");
    }

    @Test
    void slotInvalidatedWhileTheMigrationWasStoppedFailsNamingTheWayBack() {
        FaultMigration migration = FaultMigration.prepare(env, "lost", 0).start(Map.of(), Map.of());
        String slot = "pg2polar_lost_source";
        try {
            migration.awaitStreaming(Duration.ofMinutes(3));
            env.rest().stop(migration.sourceConnector().name());
            env.rest().awaitStopped(migration.sourceConnector().name(), Duration.ofMinutes(1));
            long beforeLoss = migration.transactions();
            Await.until(
                    "the applications write while the migration is stopped",
                    Duration.ofMinutes(1),
                    () -> migration.transactions() > beforeLoss + 20);
            invalidate(slot);

            env.rest().resume(migration.sourceConnector().name());
            JsonNode failed =
                    env.rest().awaitTaskFailed(migration.sourceConnector().name(), Duration.ofMinutes(1));
            String trace = failed.path("tasks").get(0).path("trace").asText();
            assertTrue(
                    trace.contains("'" + slot + "'")
                            && trace.contains("wal_status 'lost'")
                            && trace.contains("max_slot_wal_keep_size")
                            && trace.contains("pg_drop_replication_slot")
                            && trace.contains("full load"),
                    trace);
        } finally {
            migration.close();
            env.source().execute("postgres", "ALTER SYSTEM RESET max_slot_wal_keep_size");
            env.source().execute("postgres", "SELECT pg_reload_conf()");
        }

        // the way back the message gives: connectors deleted, slot dropped, a new full load under new names into an
        // empty target (a connector created again under its old name would resume from the offsets Connect keeps)
        env.rest().delete(migration.sinkConnector().name());
        env.rest().delete(migration.sourceConnector().name());
        Slots.drop(env.source(), migration.sourceDatabase(), slot);
        try (FaultMigration again =
                FaultMigration.again(env, migration, "found").start(Map.of(), Map.of())) {
            again.awaitStreaming(Duration.ofMinutes(3));
            again.finish(Duration.ofMinutes(3));
        }
    }

    /** Lets the source remove WAL the stopped migration's slot needs, as a busy source with a WAL cap does. */
    private static void invalidate(String slot) {
        env.source().execute("postgres", "ALTER SYSTEM SET max_slot_wal_keep_size = '1MB'");
        env.source().execute("postgres", "SELECT pg_reload_conf()");
        for (int segment = 0; segment < 4; segment++) {
            env.source()
                    .execute(
                            "postgres",
                            "SELECT pg_logical_emit_message(false, 'pg2polar-test', repeat('x', 1000000)), pg_switch_wal()");
        }
        env.source().execute("postgres", "CHECKPOINT");
        Await.until(
                "the source invalidates slot " + slot,
                Duration.ofSeconds(30),
                () -> "lost".equals(Slots.walStatus(env.source(), slot)));
    }

    private static void restartDuringTheFullLoadAndWhileChangesStream(ShutdownMode mode, String name) {
        try (FaultMigration streaming =
                FaultMigration.prepare(env, name + "_stream", 0).start(Map.of(), Map.of())) {
            streaming.awaitStreaming(Duration.ofMinutes(3));
            try (FaultMigration loading = FaultMigration.prepare(env, name + "_load", 300_000)
                    .start(FaultMigration.SLOW_FULL_LOAD, Map.of())) {
                loading.awaitFullLoadUnderWay(Duration.ofMinutes(2));

                env.source().stop(mode);
                env.source().startAgain();
                Instant back = Instant.now();

                List<Duration> recoveries =
                        FaultMigration.awaitRecoveries(back, Duration.ofMinutes(4), streaming, loading);
                Duration streamRecovery = recoveries.get(0);
                Duration loadRecovery = recoveries.get(1);
                LOG.info(
                        "FAULT source restarted ({}) while changes stream: lag under 1 s {} ms after it was back",
                        mode,
                        streamRecovery.toMillis());
                LOG.info(
                        "FAULT source restarted ({}) during the full load: lag under 1 s {} ms after it was back",
                        mode,
                        loadRecovery.toMillis());
                loading.finish(Duration.ofMinutes(3));
            }
            streaming.finish(Duration.ofMinutes(3));
        }
    }
}
