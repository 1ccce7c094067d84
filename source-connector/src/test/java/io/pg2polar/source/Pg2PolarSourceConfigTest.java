package io.pg2polar.source;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Pg2PolarSourceConfigTest {

    @Test
    void fillsMigrationSafeDefaultsNamedAfterTheConnector() {
        Map<String, String> props = new Pg2PolarSourceConfig(Map.of("name", "Orders")).debeziumProps();
        assertEquals("pgoutput", props.get("plugin.name"));
        assertEquals("pg2polar_orders", props.get("slot.name"));
        assertEquals("pg2polar_orders", props.get("publication.name"));
        assertEquals("string", props.get("decimal.handling.mode"));
        assertEquals("none", props.get("skipped.operations"));
        assertEquals(".*", props.get("column.propagate.source.type"));
        assertEquals("initial", props.get("snapshot.mode"));
        assertEquals("Orders", props.get("topic.prefix"));
        assertEquals("false", props.get("extended.headers.enabled"));
        assertEquals("16384", props.get("max.batch.size"));
        assertEquals("100", props.get("poll.interval.ms"));
        assertEquals("30", props.get("driver.socketTimeout"), "a dead source connection is noticed within about 70 s");
        assertEquals(
                "5",
                new Pg2PolarSourceConfig(Map.of("driver.socketTimeout", "5"))
                        .debeziumProps()
                        .get("driver.socketTimeout"));
    }

    @Test
    void carriesLossyTypesAsPostgresTextAndFailsOnUnconvertibleValues() {
        Map<String, String> props = new Pg2PolarSourceConfig(
                        Map.of("name", "x", "unavailable.value.placeholder", "__gone"))
                .debeziumProps();
        assertEquals("pgtext", props.get("converters"));
        assertEquals("io.pg2polar.source.convert.PgTextConverter", props.get("pgtext.type"));
        assertEquals("__gone", props.get("pgtext.unavailable.value.placeholder"));
        assertEquals("fail", props.get("event.converting.failure.handling.mode"));
        assertEquals("false", props.get("driver.binaryTransfer"));
        assertEquals(
                "mine",
                new Pg2PolarSourceConfig(Map.of("converters", "mine"))
                        .debeziumProps()
                        .get("converters"));
    }

    @Test
    void keepsWhatTheUserSet() {
        Map<String, String> props = new Pg2PolarSourceConfig(
                        Map.of("name", "x", "slot.name", "mine", "decimal.handling.mode", "precise"))
                .debeziumProps();
        assertEquals("mine", props.get("slot.name"));
        assertEquals("precise", props.get("decimal.handling.mode"));
    }

    @Test
    void migrationTypeChoosesTheSnapshotMode() {
        assertEquals(
                "initial_only",
                new Pg2PolarSourceConfig(Map.of("migration.type", "full"))
                        .debeziumProps()
                        .get("snapshot.mode"));
        assertEquals(
                "no_data",
                new Pg2PolarSourceConfig(Map.of("migration.type", "incremental"))
                        .debeziumProps()
                        .get("snapshot.mode"));
        assertFalse(MigrationType.FULL.streams());
        assertThrows(IllegalArgumentException.class, () -> new Pg2PolarSourceConfig(Map.of("migration.type", "both")));
    }

    @Test
    void contradictingSnapshotModeIsAnErrorOnMigrationType() {
        Map<String, String> props = Map.of("migration.type", "full", "snapshot.mode", "initial");
        ConfigValue value = new MigrationSettingsCheck(props, new Pg2PolarSourceConfig(props)).migrationTypeValue();
        assertEquals(1, value.errorMessages().size());
        assertTrue(value.errorMessages().get(0).contains("contradicts"));
    }

    @Test
    void topicsMustBeCreatedByTheConnectorWithOnePartition() {
        Map<String, String> props = Map.of("topic.creation.default.partitions", "3");
        List<ConfigValue> values =
                new MigrationSettingsCheck(props, new Pg2PolarSourceConfig(props)).topicCreationValues();
        assertEquals(
                2, values.stream().filter(v -> !v.errorMessages().isEmpty()).count());
        Map<String, String> good =
                Map.of("topic.creation.default.partitions", "1", "topic.creation.default.replication.factor", "-1");
        assertTrue(new MigrationSettingsCheck(good, new Pg2PolarSourceConfig(good))
                .topicCreationValues().stream().allMatch(v -> v.errorMessages().isEmpty()));
    }

    @Test
    void kafkaTransactionMustOutliveDebeziumsRestartWait() {
        Map<String, String> tooShort = Map.of("producer.override.transaction.timeout.ms", "10000");
        List<ConfigValue> errors =
                new MigrationSettingsCheck(tooShort, new Pg2PolarSourceConfig(tooShort)).transactionTimeoutValues();
        assertEquals(1, errors.size());
        assertEquals("producer.override.transaction.timeout.ms", errors.get(0).name());
        assertTrue(
                errors.get(0).errorMessages().get(0).contains("retriable.restart.connector.wait.ms = 10000 ms"),
                errors.get(0).errorMessages()::toString);

        Map<String, String> shorterWait = Map.of(
                "producer.override.transaction.timeout.ms", "10000", "retriable.restart.connector.wait.ms", "1000");
        Map<String, String> shipped = Map.of("producer.override.transaction.timeout.ms", "900000");
        for (Map<String, String> props : List.of(shorterWait, shipped, Map.<String, String>of())) {
            assertTrue(
                    new MigrationSettingsCheck(props, new Pg2PolarSourceConfig(props))
                            .transactionTimeoutValues()
                            .isEmpty(),
                    props::toString);
        }
    }

    @Test
    void debeziumsSnapshotSelectIsBuiltOnlyFromFiltersThatAreOneExpression() {
        Map<String, String> props = new Pg2PolarSourceConfig(Map.of(
                        "row.filter.public.good", "id > 0", "row.filter.public.bad", "id > 0); drop table canary; --"))
                .debeziumProps();
        assertEquals(
                "SELECT * FROM \"public\".\"good\" WHERE (id > 0)",
                props.get("snapshot.select.statement.overrides.public.good"));
        assertFalse(props.containsKey("snapshot.select.statement.overrides.public.bad"));
        assertEquals("public.good", props.get("snapshot.select.statement.overrides"));
    }

    @Test
    void messageSizeLimitsMustAgree() {
        Map<String, String> producerOnly = Map.of("producer.override.max.request.size", "33554432");
        List<ConfigValue> errors =
                new MigrationSettingsCheck(producerOnly, new Pg2PolarSourceConfig(producerOnly)).messageSizeValues();
        assertEquals(
                List.of("topic.creation.default.max.message.bytes"),
                errors.stream().map(ConfigValue::name).toList());
        assertTrue(
                errors.get(0).errorMessages().get(0).contains("the broker's message.max.bytes default"),
                errors.get(0).errorMessages()::toString);

        Map<String, String> beyondBuffer = Map.of(
                "producer.override.max.request.size",
                "67108864",
                "topic.creation.default.max.message.bytes",
                "67108864");
        assertEquals(
                List.of("producer.override.buffer.memory"),
                new MigrationSettingsCheck(beyondBuffer, new Pg2PolarSourceConfig(beyondBuffer))
                        .messageSizeValues().stream().map(ConfigValue::name).toList());

        Map<String, String> bigChunks = Map.of("snapshot.chunk.bytes", "1048576");
        assertEquals(
                List.of("snapshot.chunk.bytes"),
                new MigrationSettingsCheck(bigChunks, new Pg2PolarSourceConfig(bigChunks))
                        .messageSizeValues().stream().map(ConfigValue::name).toList());

        Map<String, String> shipped = Map.of(
                "producer.override.max.request.size",
                "33554432",
                "topic.creation.default.max.message.bytes",
                "33554432");
        for (Map<String, String> props : List.of(shipped, Map.<String, String>of())) {
            assertTrue(
                    new MigrationSettingsCheck(props, new Pg2PolarSourceConfig(props))
                            .messageSizeValues()
                            .isEmpty(),
                    props::toString);
        }
    }
}
