package io.pg2polar.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigValue;

import io.pg2polar.common.naming.ReplicationNames;

/**
 * Cross-field rules of the source configuration that need no database: {@code migration.type} against an
 * explicit {@code snapshot.mode}, topics created by the connector with one partition each, a Kafka transaction
 * that outlives Debezium's restart wait, and a publication name Debezium can put into SQL.
 */
final class MigrationSettingsCheck {

    static final String TRANSACTION_TIMEOUT = "producer.override.transaction.timeout.ms";
    static final String RESTART_WAIT = "retriable.restart.connector.wait.ms";
    static final String MAX_REQUEST_SIZE = "producer.override.max.request.size";
    static final String BUFFER_MEMORY = "producer.override.buffer.memory";
    static final String TOPIC_MAX_MESSAGE_BYTES = "topic.creation.default.max.message.bytes";
    /** Kafka's defaults: the producer's max.request.size and buffer.memory, the broker's message.max.bytes. */
    private static final long DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    private static final long DEFAULT_BUFFER_MEMORY = 33_554_432;
    private static final long BROKER_MESSAGE_MAX_BYTES = 1_048_588;
    /** A chunk's record against its COPY text: base64 (4/3) and the envelope, measured at most 1.4. */
    private static final double CHUNK_RECORD_GROWTH = 1.4;
    /** Debezium's default for {@value #RESTART_WAIT}. */
    private static final long DEFAULT_RESTART_WAIT_MS = 10_000;

    private final Map<String, String> userProps;
    private final Pg2PolarSourceConfig config;

    MigrationSettingsCheck(Map<String, String> userProps, Pg2PolarSourceConfig config) {
        this.userProps = userProps;
        this.config = config;
    }

    /** The value of {@code migration.type}, with an error when {@code snapshot.mode} says otherwise. */
    ConfigValue migrationTypeValue() {
        MigrationType type = config.migrationType();
        ConfigValue value = new ConfigValue(
                Pg2PolarSourceConfig.MIGRATION_TYPE, type.value(), new ArrayList<>(), new ArrayList<>());
        String snapshotMode = userProps.get(Pg2PolarSourceConfig.SNAPSHOT_MODE);
        if (userProps.containsKey(Pg2PolarSourceConfig.MIGRATION_TYPE)
                && snapshotMode != null
                && !snapshotMode.equals(type.snapshotMode())) {
            value.addErrorMessage("snapshot.mode '" + snapshotMode + "' contradicts migration.type '" + type.value()
                    + "' (which means snapshot.mode '" + type.snapshotMode() + "'). Remove one of the two settings.");
        }
        return value;
    }

    /** The publication's name, with an error when Debezium could not put it into SQL safely. */
    ConfigValue publicationNameValue() {
        ConfigValue value = new ConfigValue(
                Pg2PolarSourceConfig.PUBLICATION_NAME, config.publicationName(), new ArrayList<>(), new ArrayList<>());
        ReplicationNames.publicationNameProblem(config.publicationName()).ifPresent(value::addErrorMessage);
        return value;
    }

    /**
     * Each table's changes, and later its DDL, must stay in one ordered partition, and the broker may not
     * auto-create topics: the connector has to create them, with one partition.
     */
    List<ConfigValue> topicCreationValues() {
        ConfigValue replication = new ConfigValue(
                Pg2PolarSourceConfig.TOPIC_REPLICATION,
                userProps.get(Pg2PolarSourceConfig.TOPIC_REPLICATION),
                new ArrayList<>(),
                new ArrayList<>());
        if (replication.value() == null) {
            replication.addErrorMessage(
                    "The connector creates one topic per table: set " + Pg2PolarSourceConfig.TOPIC_REPLICATION
                            + " (-1 for the broker default) and " + Pg2PolarSourceConfig.TOPIC_PARTITIONS + " = 1.");
        }
        String partitionsText = userProps.get(Pg2PolarSourceConfig.TOPIC_PARTITIONS);
        ConfigValue partitions = new ConfigValue(
                Pg2PolarSourceConfig.TOPIC_PARTITIONS, partitionsText, new ArrayList<>(), new ArrayList<>());
        if (partitionsText == null || !partitionsText.trim().equals("1")) {
            partitions.addErrorMessage(
                    "Set " + Pg2PolarSourceConfig.TOPIC_PARTITIONS + " = 1: a table's changes must stay in"
                            + " one partition to be applied in commit order (was " + partitionsText + ").");
        }
        return List.of(replication, partitions);
    }

    /**
     * With exactly-once source support a poll's records are one Kafka transaction, and it stays open while
     * Debezium waits {@value #RESTART_WAIT} to restart after a retriable error (a lost source connection). A
     * transaction timeout not well above that wait lets the broker abort the transaction first, and the task fails
     * with {@code InvalidTxnStateException} instead of recovering (seen in FullLoadRestartIT at 10 s and 10 s).
     *
     * @return the timeout's value with the error, or nothing when it is unset, unreadable (Kafka reports that) or
     *         at least twice the wait
     */
    List<ConfigValue> transactionTimeoutValues() {
        Long timeout = number(userProps.get(TRANSACTION_TIMEOUT));
        Long wait = userProps.containsKey(RESTART_WAIT)
                ? number(userProps.get(RESTART_WAIT))
                : Long.valueOf(DEFAULT_RESTART_WAIT_MS);
        if (timeout == null || wait == null || timeout >= 2 * wait) {
            return List.of();
        }
        ConfigValue value = new ConfigValue(
                TRANSACTION_TIMEOUT, userProps.get(TRANSACTION_TIMEOUT), new ArrayList<>(), new ArrayList<>());
        value.addErrorMessage(
                TRANSACTION_TIMEOUT + " = " + timeout + " ms is too close to " + RESTART_WAIT + " = " + wait
                        + " ms: a source task restarting after a lost connection keeps its Kafka transaction open for that wait, and the"
                        + " broker would abort it and fail the task. Set the timeout to at least twice the wait (source.json sets"
                        + " 900000) or lower " + RESTART_WAIT + ".");
        return List.of(value);
    }

    /**
     * A record must fit the producer's {@value #MAX_REQUEST_SIZE} and its {@value #BUFFER_MEMORY}, and the batch carrying
     * it the topic's {@value #TOPIC_MAX_MESSAGE_BYTES} (the broker's {@code message.max.bytes}, about 1 MB, when unset):
     * a limit the others exceed fails the task at the first large row, after the migration started. {@code source.json}
     * raises all three together, so rows of several megabytes migrate.
     *
     * @return the settings that contradict each other, each with the error
     */
    List<ConfigValue> messageSizeValues() {
        Long request = number(userProps.getOrDefault(MAX_REQUEST_SIZE, Long.toString(DEFAULT_MAX_REQUEST_SIZE)));
        Long buffer = number(userProps.getOrDefault(BUFFER_MEMORY, Long.toString(DEFAULT_BUFFER_MEMORY)));
        Long topic = number(userProps.getOrDefault(TOPIC_MAX_MESSAGE_BYTES, Long.toString(BROKER_MESSAGE_MAX_BYTES)));
        if (request == null || buffer == null || topic == null) {
            return List.of(); // Kafka reports what is no number
        }
        List<ConfigValue> values = new ArrayList<>();
        if (request > buffer) {
            values.add(error(
                    BUFFER_MEMORY,
                    BUFFER_MEMORY + " = " + buffer + " is below " + MAX_REQUEST_SIZE + " = " + request
                            + ": the producer refuses a record larger than its buffer. Raise " + BUFFER_MEMORY
                            + " to at least " + request + "."));
        }
        if (topic < request) {
            values.add(error(
                    TOPIC_MAX_MESSAGE_BYTES,
                    "The topics take messages of at most " + topic + " bytes ("
                            + (userProps.containsKey(TOPIC_MAX_MESSAGE_BYTES)
                                    ? TOPIC_MAX_MESSAGE_BYTES
                                    : "the broker's message.max.bytes default," + " as " + TOPIC_MAX_MESSAGE_BYTES
                                            + " is unset")
                            + "), but the producer sends records of up to " + request + " bytes ("
                            + MAX_REQUEST_SIZE + "): a row that large would fail the task. Set "
                            + TOPIC_MAX_MESSAGE_BYTES + " to at least " + request
                            + " (source.json sets both to 33554432)."));
        }
        if (config.copiesSnapshot() && (long) (config.snapshotChunkBytes() * CHUNK_RECORD_GROWTH) > request) {
            values.add(error(
                    Pg2PolarSourceConfig.SNAPSHOT_CHUNK_BYTES,
                    Pg2PolarSourceConfig.SNAPSHOT_CHUNK_BYTES + " = " + config.snapshotChunkBytes()
                            + " makes chunk records of up to "
                            + (long) (config.snapshotChunkBytes() * CHUNK_RECORD_GROWTH)
                            + " bytes (base64 in JSON), more"
                            + " than " + MAX_REQUEST_SIZE + " = " + request + ". Lower it, or raise " + MAX_REQUEST_SIZE
                            + " and " + TOPIC_MAX_MESSAGE_BYTES + "."));
        }
        return values;
    }

    private ConfigValue error(String key, String message) {
        return new ConfigValue(key, userProps.get(key), new ArrayList<>(), new ArrayList<>(List.of(message)));
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
