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
        ConfigValue value = new ConfigValue(Pg2PolarSourceConfig.MIGRATION_TYPE, type.value(), new ArrayList<>(), new ArrayList<>());
        String snapshotMode = userProps.get(Pg2PolarSourceConfig.SNAPSHOT_MODE);
        if (userProps.containsKey(Pg2PolarSourceConfig.MIGRATION_TYPE) && snapshotMode != null
                && !snapshotMode.equals(type.snapshotMode())) {
            value.addErrorMessage("snapshot.mode '" + snapshotMode + "' contradicts migration.type '" + type.value()
                    + "' (which means snapshot.mode '" + type.snapshotMode() + "'). Remove one of the two settings.");
        }
        return value;
    }

    /** The publication's name, with an error when Debezium could not put it into SQL safely. */
    ConfigValue publicationNameValue() {
        ConfigValue value = new ConfigValue(Pg2PolarSourceConfig.PUBLICATION_NAME, config.publicationName(), new ArrayList<>(), new ArrayList<>());
        ReplicationNames.publicationNameProblem(config.publicationName()).ifPresent(value::addErrorMessage);
        return value;
    }

    /**
     * Each table's changes, and later its DDL, must stay in one ordered partition, and the broker may not
     * auto-create topics: the connector has to create them, with one partition.
     */
    List<ConfigValue> topicCreationValues() {
        ConfigValue replication = new ConfigValue(Pg2PolarSourceConfig.TOPIC_REPLICATION,
                userProps.get(Pg2PolarSourceConfig.TOPIC_REPLICATION), new ArrayList<>(), new ArrayList<>());
        if (replication.value() == null) {
            replication.addErrorMessage("The connector creates one topic per table: set " + Pg2PolarSourceConfig.TOPIC_REPLICATION
                    + " (-1 for the broker default) and " + Pg2PolarSourceConfig.TOPIC_PARTITIONS + " = 1.");
        }
        String partitionsText = userProps.get(Pg2PolarSourceConfig.TOPIC_PARTITIONS);
        ConfigValue partitions = new ConfigValue(Pg2PolarSourceConfig.TOPIC_PARTITIONS, partitionsText, new ArrayList<>(), new ArrayList<>());
        if (partitionsText == null || !partitionsText.trim().equals("1")) {
            partitions.addErrorMessage("Set " + Pg2PolarSourceConfig.TOPIC_PARTITIONS + " = 1: a table's changes must stay in"
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
        Long timeout = millis(userProps.get(TRANSACTION_TIMEOUT));
        Long wait = userProps.containsKey(RESTART_WAIT) ? millis(userProps.get(RESTART_WAIT)) : Long.valueOf(DEFAULT_RESTART_WAIT_MS);
        if (timeout == null || wait == null || timeout >= 2 * wait) {
            return List.of();
        }
        ConfigValue value = new ConfigValue(TRANSACTION_TIMEOUT, userProps.get(TRANSACTION_TIMEOUT), new ArrayList<>(), new ArrayList<>());
        value.addErrorMessage(TRANSACTION_TIMEOUT + " = " + timeout + " ms is too close to " + RESTART_WAIT + " = " + wait
                + " ms: a source task restarting after a lost connection keeps its Kafka transaction open for that wait, and the"
                + " broker would abort it and fail the task. Set the timeout to at least twice the wait (source.json sets"
                + " 900000) or lower " + RESTART_WAIT + ".");
        return List.of(value);
    }

    private static Long millis(String text) {
        try {
            return text == null ? null : Long.valueOf(text.trim());
        }
        catch (NumberFormatException e) {
            return null;
        }
    }
}
