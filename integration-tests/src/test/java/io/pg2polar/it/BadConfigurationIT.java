package io.pg2polar.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.TwoDatabaseMigration;
import io.pg2polar.it.kit.Validation;
import io.pg2polar.servers.FreePorts;
import io.pg2polar.servers.connect.ConnectRestClient.RestException;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.servers.postgres.EmbeddedPostgresServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad configuration ends in a message that names the setting and the fix: through Connect's validate call
 * (which connector creation runs too) before anything starts, or as a FAILED task, never as a silent stall.
 */
class BadConfigurationIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final String SOURCE_CLASS = "io.pg2polar.source.Pg2PolarSourceConnector";
    private static final String SINK_CLASS = "io.pg2polar.sink.Pg2PolarSinkConnector";
    private static final String DB = "badconfig";

    @BeforeAll
    static void createDatabasesAndAccounts() {
        env.source().createDatabase(DB);
        env.target().createDatabase(DB);
        env.source()
                .execute(
                        DB,
                        "DROP ROLE IF EXISTS migrator; CREATE ROLE migrator LOGIN REPLICATION PASSWORD 'right-password'");
        env.source().execute(DB, "DROP ROLE IF EXISTS reader; CREATE ROLE reader LOGIN PASSWORD 'reader-password'");
        // what creating the publication needs besides table ownership (PrecheckIT refuses the lack of it)
        env.source().execute(DB, "GRANT CREATE ON DATABASE " + DB + " TO migrator, reader");
        env.target()
                .execute(
                        DB,
                        "DROP ROLE IF EXISTS owner_only; CREATE ROLE owner_only LOGIN PASSWORD 'owner-password';"
                                + " ALTER DATABASE " + DB + " OWNER TO owner_only");
    }

    @Test
    void healthySourceAndSinkValidateClean() {
        Validation source = validate(SOURCE_CLASS, sourceConfig(Map.of()));
        assertEquals(0, source.errorCount(), source.toString());
        Validation sink = validate(SINK_CLASS, sinkConfig(Map.of()));
        assertEquals(0, sink.errorCount(), sink.toString());
    }

    @Test
    void unreachableSourceIsReportedOnTheHost() {
        Validation result =
                validate(SOURCE_CLASS, sourceConfig(Map.of("database.port", Integer.toString(FreePorts.pick()))));
        assertSingleError(result, "database.hostname", "Cannot reach the source database");
    }

    @Test
    void wrongSourcePasswordIsReportedOnThePassword() {
        Validation result = validate(
                SOURCE_CLASS,
                sourceConfig(
                        Map.of("database.user", "migrator", "database.password", "wrong", "ddl.capture", "false")));
        assertSingleError(result, "database.password", "rejected the password of user 'migrator'");
    }

    @Test
    void sourceAccountWithoutReplicationIsReportedOnTheUser() {
        Validation result = validate(
                SOURCE_CLASS,
                sourceConfig(Map.of(
                        "database.user", "reader", "database.password", "reader-password", "ddl.capture", "false")));
        assertSingleError(result, "database.user", "ALTER ROLE reader REPLICATION");
        Validation fullOnly = validate(
                SOURCE_CLASS,
                sourceConfig(Map.of(
                        "database.user", "reader", "database.password", "reader-password", "migration.type", "full")));
        assertEquals(0, fullOnly.errorCount(), "a full-only migration needs no replication privilege: " + fullOnly);
    }

    @Test
    void ddlReplicationWithoutSuperuserIsReportedOnItsSwitch() {
        Validation result = validate(
                SOURCE_CLASS, sourceConfig(Map.of("database.user", "migrator", "database.password", "right-password")));
        assertSingleError(result, "ddl.capture", "only a superuser may create");
        Validation without = validate(
                SOURCE_CLASS,
                sourceConfig(Map.of(
                        "database.user", "migrator", "database.password", "right-password", "ddl.capture", "false")));
        assertEquals(0, without.errorCount(), without.toString());
    }

    @Test
    void walLevelOtherThanLogicalIsReportedAndTheConnectorIsNotCreated() {
        try (EmbeddedPostgresServer replicaOnly = EmbeddedPostgresServer.start("17", Map.of("wal_level", "replica"))) {
            replicaOnly.createDatabase(DB);
            Map<String, String> config = sourceConfig(Map.of("database.port", Integer.toString(replicaOnly.port())));
            assertSingleError(validate(SOURCE_CLASS, config), "database.hostname", "wal_level = 'replica'");

            RestException refused =
                    assertThrows(RestException.class, () -> env.rest().putConnector("bad-source", config));
            assertEquals(400, refused.status());
            assertTrue(refused.body().contains("wal_level = logical"), refused.body());
        }
    }

    @Test
    void badMigrationTypeAndMissingTopicCreationAreReportedOnTheirFields() {
        Map<String, String> config = sourceConfig(Map.of("migration.type", "everything"));
        config.remove("topic.creation.default.replication.factor");
        Validation result = validate(SOURCE_CLASS, config);
        assertTrue(String.join(" ", result.errorsOn("migration.type")).contains("full+incremental"), result.toString());

        Map<String, String> noTopicCreation = sourceConfig(Map.of());
        noTopicCreation.remove("topic.creation.default.replication.factor");
        Validation second = validate(SOURCE_CLASS, noTopicCreation);
        assertSingleError(second, "topic.creation.default.replication.factor", "creates one topic per table");
    }

    @Test
    void kafkaTransactionShorterThanTwiceDebeziumsRestartWaitIsReportedOnTheTimeout() {
        assertSingleError(
                validate(SOURCE_CLASS, sourceConfig(Map.of("producer.override.transaction.timeout.ms", "10000"))),
                "producer.override.transaction.timeout.ms",
                "at least twice the wait");
        Validation shorterWait = validate(
                SOURCE_CLASS,
                sourceConfig(Map.of(
                        "producer.override.transaction.timeout.ms",
                        "10000",
                        "retriable.restart.connector.wait.ms",
                        "1000")));
        assertEquals(0, shorterWait.errorCount(), shorterWait.toString());
    }

    @Test
    void sinkProblemsAreReportedOnTheirFields() {
        assertSingleError(
                validate(SINK_CLASS, sinkConfig(Map.of("connection.port", Integer.toString(FreePorts.pick())))),
                "connection.host",
                "Cannot reach the target database");
        assertSingleError(
                validate(
                        SINK_CLASS, sinkConfig(Map.of("connection.user", "owner_only", "connection.password", "nope"))),
                "connection.password",
                "rejected the password of user 'owner_only'");
        assertSingleError(
                validate(SINK_CLASS, sinkConfig(Map.of("connection.database", "no_such_db"))),
                "connection.database",
                "has no database 'no_such_db'");
        assertSingleError(
                validate(
                        SINK_CLASS,
                        sinkConfig(Map.of(
                                "connection.user",
                                "owner_only",
                                "connection.password",
                                "owner-password",
                                "apply.foreign.keys",
                                "replica-role"))),
                "apply.foreign.keys",
                "GRANT SET ON PARAMETER session_replication_role TO owner_only");
        Validation fallback = validate(
                SINK_CLASS,
                sinkConfig(Map.of("connection.user", "owner_only", "connection.password", "owner-password")));
        assertEquals(
                0,
                fallback.errorCount(),
                "apply.foreign.keys=auto falls back to holding foreign keys back: " + fallback);
        assertSingleError(
                validate(SINK_CLASS, sinkConfig(Map.of("connection.retry.window", "10", "apply.retry.window", "15"))),
                "apply.retry.window",
                "must be smaller than connection.retry.window");
    }

    @Test
    void missingTargetTableFailsTheSinkTaskWithTheTableName() {
        try (TwoDatabaseMigration migration = TwoDatabaseMigration.create(env, "missing")) {
            migration.onSource(
                    "CREATE TABLE present (id int PRIMARY KEY, v text); CREATE TABLE absent (id int PRIMARY KEY);"
                            + " INSERT INTO present VALUES (1, 'a'); INSERT INTO absent VALUES (1)");
            migration.onTarget("CREATE TABLE present (id int PRIMARY KEY, v text)");

            migration.start(Map.of("migration.type", "full", "schema.migration", "false"), Map.of());

            JsonNode status =
                    env.rest().awaitTaskFailed(migration.sinkConnector().name(), Duration.ofMinutes(2));
            // whichever task was assigned the table's topic failed: with cooperative rebalancing that need not be task
            // 0
            StringBuilder trace = new StringBuilder();
            status.path("tasks").forEach(task -> trace.append(task.path("trace").asText()));
            assertTrue(trace.toString().contains("Target table \"public\".\"absent\" does not exist"), trace::toString);
            assertTrue(trace.toString().contains("Create it on the target"), trace::toString);
        }
    }

    private static Validation validate(String connectorClass, Map<String, String> config) {
        return new Validation(env.rest().validate(connectorClass, config));
    }

    private static void assertSingleError(Validation result, String field, String expectedText) {
        List<String> errors = result.errorsOn(field);
        assertEquals(1, result.errorCount(), "expected exactly one error, on " + field + ": " + result);
        assertTrue(
                errors.size() == 1 && errors.get(0).contains(expectedText),
                "expected on " + field + " a message containing '" + expectedText + "', got " + errors);
    }

    /** A source config as a validate call sends it: with the connector name, as creation would. */
    private static Map<String, String> sourceConfig(Map<String, String> changes) {
        return withName(ConnectorConfigs.source("bad", DB, changes));
    }

    private static Map<String, String> sinkConfig(Map<String, String> changes) {
        return withName(ConnectorConfigs.sink("bad", DB, changes));
    }

    private static Map<String, String> withName(Definition definition) {
        Map<String, String> config = new java.util.HashMap<>(definition.config());
        config.put("name", definition.name());
        return config;
    }
}
