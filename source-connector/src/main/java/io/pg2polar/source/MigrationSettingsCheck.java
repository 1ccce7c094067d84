package io.pg2polar.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigValue;

/**
 * Cross-field rules of the source configuration that need no database: {@code migration.type} against an
 * explicit {@code snapshot.mode}, and topics created by the connector with one partition each.
 */
final class MigrationSettingsCheck {

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
}
