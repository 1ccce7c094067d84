package io.pg2polar.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.DatabaseComparison.Side;
import io.pg2polar.it.kit.FaultMigration;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Slots;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.servers.postgres.PostgresServer.ShutdownMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The target fails while changes flow (DTS's retry windows): an outage of 45 s, or a minute in which it refuses
 * every write (read-only after a failover), shorter than {@code connection.retry.window} is ridden out without losing
 * a change; a change the target keeps rejecting
 * fails the task after {@code apply.retry.window} with table, key and cause, or, with
 * {@code errors.tolerance=all}, goes to the dead letter queue while everything else is applied. The rejected change's
 * migrations run on the shared servers, whose target stays up and writable, and are started before the tests: their
 * one-minute apply window runs out while the outage and the read-only minute take the dedicated servers' target.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TargetFailuresIT {

    private static final Logger LOG = LoggerFactory.getLogger(TargetFailuresIT.class);

    @RegisterExtension
    static final MigrationEnvironment env = MigrationEnvironment.dedicated();
    /** Servers that no test here stops or makes read-only: the rejected change's migrations. */
    @RegisterExtension
    static final MigrationEnvironment shared = new MigrationEnvironment();

    private static final String LEDGER = """
            CREATE TABLE ledger (id int PRIMARY KEY, amount numeric(12,2), memo text);
            """;
    /** Only on the target: a rule the source does not have, so the target rejects one row. */
    private static final String TARGET_RULE =
            "ALTER TABLE ledger ADD CONSTRAINT small_amounts CHECK (amount < 1000000)";

    private static final List<TableId> LEDGER_TABLE = List.of(new TableId("public", "ledger"));
    private static Definition failing;
    private static Definition tolerant;

    /**
     * Starts the migrations of a change the target rejects, one failing and one tolerating errors, and makes the source
     * accept the change: their apply windows open now and close while the other tests run.
     */
    @BeforeAll
    static void startRejectedChange() {
        failing = startLedgerMigration("reject", Map.of());
        tolerant = startLedgerMigration(
                "tolerate",
                Map.of(
                        "errors.tolerance",
                        "all",
                        "errors.deadletterqueue.topic.name",
                        "tolerate-dlq",
                        "errors.deadletterqueue.topic.replication.factor",
                        "1",
                        "errors.deadletterqueue.context.headers.enable",
                        "true"));
        for (String prefix : List.of("reject", "tolerate")) {
            DatabaseComparison.awaitIdentical(
                    new Side(shared.source(), prefix + "_src"),
                    new Side(shared.target(), prefix + "_tgt"),
                    LEDGER_TABLE,
                    Duration.ofMinutes(2));
        }
        // the source accepts the 2 000 000.00 amount, the target's CHECK refuses it for as long as both live
        for (String prefix : List.of("reject", "tolerate")) {
            shared.source()
                    .execute(
                            prefix + "_src",
                            "INSERT INTO ledger VALUES (100, 2000000, 'too big for the target');"
                                    + " INSERT INTO ledger VALUES (101, 5, 'fine')");
        }
    }

    @Test
    @Order(1)
    void targetDownFor45SecondsIsRiddenOut() {
        try (FaultMigration migration = FaultMigration.prepare(env, "down", 0).start(Map.of(), Map.of())) {
            migration.awaitStreaming(Duration.ofMinutes(3));

            env.target().stop(ShutdownMode.FAST);
            Await.pause(Duration.ofSeconds(45));
            env.target().startAgain();
            Instant back = Instant.now();

            Duration recovery = migration.awaitRecovery(back, Duration.ofMinutes(3));
            LOG.info("FAULT target down for 45 s: lag under 1 s {} ms after it was back", recovery.toMillis());
            assertTrue(
                    env.worker().logText().contains("nothing was committed, retrying in"),
                    "the sink met the outage and retried");
            migration.finish(Duration.ofMinutes(3));
        }
    }

    /**
     * After a failover to a replica, or while a DBA makes the target read-only, every write is refused (SQLSTATE 25006)
     * although the target answers: the sink retries within apply.retry.window (10 min) and goes on when it may write.
     */
    @Test
    @Order(2)
    void targetReadOnlyFor60SecondsIsRiddenOut() {
        try (FaultMigration migration =
                FaultMigration.prepare(env, "readonly", 0).start(Map.of(), Map.of())) {
            migration.awaitStreaming(Duration.ofMinutes(3));

            env.target().execute("postgres", "ALTER SYSTEM SET default_transaction_read_only = on");
            env.target().execute("postgres", "SELECT pg_reload_conf()");
            Await.pause(Duration.ofSeconds(60));
            env.target().execute("postgres", "ALTER SYSTEM RESET default_transaction_read_only");
            env.target().execute("postgres", "SELECT pg_reload_conf()");
            Instant writable = Instant.now();

            Duration recovery = migration.awaitRecovery(writable, Duration.ofMinutes(3));
            LOG.info(
                    "FAULT target read-only for 60 s: lag under 1 s {} ms after it was writable again",
                    recovery.toMillis());
            migration.finish(Duration.ofMinutes(3));
        } finally {
            env.target().execute("postgres", "ALTER SYSTEM RESET default_transaction_read_only");
            env.target().execute("postgres", "SELECT pg_reload_conf()");
        }
    }

    /** Last: the migrations {@link #startRejectedChange()} started have spent their apply window meanwhile. */
    @Test
    @Order(3)
    void rejectedChangeFailsTheTaskOrGoesToTheDeadLetterQueueAfterTheApplyWindow() {
        JsonNode failed = shared.rest().awaitTaskFailed(failing.name(), Duration.ofMinutes(3));
        // the task that was given the ledger's partition
        String trace = java.util.stream.StreamSupport.stream(
                        failed.path("tasks").spliterator(), false)
                .filter(task -> "FAILED".equals(task.path("state").asText()))
                .findFirst()
                .orElseThrow()
                .path("trace")
                .asText();
        assertTrue(
                trace.contains("\"public\".\"ledger\" key {id=100}")
                        && trace.contains("small_amounts")
                        && trace.contains("apply.retry.window"),
                trace);

        Side tolerantSource = new Side(shared.source(), "tolerate_src");
        Side tolerantTarget = new Side(shared.target(), "tolerate_tgt");
        Await.until(
                "the tolerant sink applied the acceptable row",
                Duration.ofMinutes(3),
                () -> DatabaseComparison.rows(tolerantTarget, LEDGER_TABLE.get(0))
                        .contains("(101,5.00,fine)"));
        List<String> expected = DatabaseComparison.rows(tolerantSource, LEDGER_TABLE.get(0)).stream()
                .filter(row -> !row.startsWith("(100,"))
                .toList();
        assertEquals(expected, DatabaseComparison.rows(tolerantTarget, LEDGER_TABLE.get(0)));
        ConsumerRecords<byte[], byte[]> dead =
                shared.broker().testKit().consume(1, Duration.ofMinutes(1).toMillis(), "tolerate-dlq");
        ConsumerRecord<byte[], byte[]> record = dead.iterator().next();
        assertTrue(new String(record.value(), StandardCharsets.UTF_8).contains("too big for the target"));
        shared.rest()
                .status(tolerant.name())
                .path("tasks")
                .forEach(task -> assertEquals("RUNNING", task.path("state").asText()));

        for (String prefix : List.of("reject", "tolerate")) {
            shared.rest().delete(prefix + "-sink");
            shared.rest().delete(prefix + "-source");
            Slots.drop(shared.source(), prefix + "_src", "pg2polar_" + prefix + "_source");
        }
    }

    private static Definition startLedgerMigration(String prefix, Map<String, String> sinkChanges) {
        String sourceDb = prefix + "_src";
        String targetDb = prefix + "_tgt";
        shared.source().createDatabase(sourceDb);
        shared.target().createDatabase(targetDb);
        shared.source()
                .execute(
                        sourceDb, LEDGER + "INSERT INTO ledger SELECT g, g, 'row ' || g FROM generate_series(1, 20) g");
        shared.target().execute(targetDb, LEDGER + TARGET_RULE);
        Map<String, String> changes = new java.util.HashMap<>(sinkChanges);
        changes.put("apply.retry.window", "1");
        Definition source = ConnectorConfigs.source(prefix, sourceDb, Map.of());
        Definition sink = ConnectorConfigs.sink(prefix, targetDb, changes);
        shared.rest().putConnector(source.name(), source.config());
        shared.rest().putConnector(sink.name(), sink.config());
        return sink;
    }
}
