package io.pg2polar.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.DatabaseComparison.Side;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Slots;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A record that is not a change event at all (bytes no converter can read, written by some other producer) sits in a
 * change topic between real changes: the sink fails naming topic, partition and offset, or, with
 * {@code errors.tolerance=all}, sets it aside in the dead letter queue and applies everything else.
 */
class PoisonRecordIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final TableId LEDGER = new TableId("public", "ledger");
    private static final byte[] POISON = "{\"this is\": not a change event".getBytes(StandardCharsets.UTF_8);

    @Test
    void poisonRecordFailsTheSinkNamingWhereItIs() {
        Definition sink = startLedgerMigration("poison", Map.of());
        RecordMetadata poison = producePoison("poison.public.ledger");
        env.source().execute("poison_src", "INSERT INTO ledger VALUES (100, 'after the poison')");

        JsonNode failed = env.rest().awaitTaskFailed(sink.name(), Duration.ofMinutes(2));
        String trace = StreamSupport.stream(failed.path("tasks").spliterator(), false)
                .filter(task -> "FAILED".equals(task.path("state").asText()))
                .findFirst()
                .orElseThrow()
                .path("trace")
                .asText();
        String where = "poison.public.ledger[" + poison.partition() + "]@" + poison.offset();
        assertTrue(
                trace.contains(where) && trace.contains("errors.tolerance=all"),
                "the failure names " + where + " and the way out: " + trace);
        assertEquals(
                List.of("(1,first)"),
                DatabaseComparison.rows(new Side(env.target(), "poison_tgt"), LEDGER),
                "nothing after the poison record is applied: the task stops at it");
        remove("poison");
    }

    @Test
    void poisonRecordGoesToTheDeadLetterQueueAndTheRestIsApplied() {
        startLedgerMigration(
                "antidote",
                Map.of(
                        "errors.tolerance",
                        "all",
                        "errors.deadletterqueue.topic.name",
                        "antidote-dlq",
                        "errors.deadletterqueue.topic.replication.factor",
                        "1",
                        "errors.deadletterqueue.context.headers.enable",
                        "true"));
        producePoison("antidote.public.ledger");
        env.source().execute("antidote_src", "INSERT INTO ledger VALUES (100, 'after the poison')");

        DatabaseComparison.awaitIdentical(
                new Side(env.source(), "antidote_src"),
                new Side(env.target(), "antidote_tgt"),
                List.of(LEDGER),
                Duration.ofMinutes(2));
        ConsumerRecord<byte[], byte[]> dead = env.broker()
                .testKit()
                .consume(1, Duration.ofMinutes(1).toMillis(), "antidote-dlq")
                .iterator()
                .next();
        assertEquals(new String(POISON, StandardCharsets.UTF_8), new String(dead.value(), StandardCharsets.UTF_8));
        env.rest().awaitRunning("antidote-sink", Duration.ofSeconds(10));
        remove("antidote");
    }

    private static Definition startLedgerMigration(String prefix, Map<String, String> sinkChanges) {
        env.source().createDatabase(prefix + "_src");
        env.target().createDatabase(prefix + "_tgt");
        env.source()
                .execute(
                        prefix + "_src",
                        "CREATE TABLE ledger (id int PRIMARY KEY, memo text); INSERT INTO ledger VALUES (1, 'first')");
        Definition source = ConnectorConfigs.source(prefix, prefix + "_src", Map.of());
        Definition sink = ConnectorConfigs.sink(prefix, prefix + "_tgt", sinkChanges);
        env.rest().putConnector(source.name(), source.config());
        env.rest().putConnector(sink.name(), sink.config());
        DatabaseComparison.awaitIdentical(
                new Side(env.source(), prefix + "_src"),
                new Side(env.target(), prefix + "_tgt"),
                List.of(LEDGER),
                Duration.ofMinutes(2));
        return sink;
    }

    /** Writes the poison record with a plain producer, as any application with access to the topic could. */
    private static RecordMetadata producePoison(String topic) {
        try (KafkaProducer<byte[], byte[]> producer = env.broker().testKit().createProducer(Map.of())) {
            return producer.send(new ProducerRecord<>(topic, "{\"id\": 1}".getBytes(StandardCharsets.UTF_8), POISON))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not write the poison record", e);
        }
    }

    private static void remove(String prefix) {
        env.rest().delete(prefix + "-sink");
        env.rest().delete(prefix + "-source");
        Slots.drop(env.source(), prefix + "_src", "pg2polar_" + prefix + "_source");
        Await.until(
                "the connectors are gone",
                Duration.ofSeconds(30),
                () -> !env.rest().get("/connectors").toString().contains(prefix));
    }
}
