package io.pg2polar.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.common.sql.SingleStatement;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Validation;
import io.pg2polar.servers.connect.ConnectRestClient.RestException;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Configuration text that tries to end the statement it is put in and run statements of its own (a row filter
 * {@code id > 0); drop table canary; --}, a publication name Debezium puts into its CREATE PUBLICATION unquoted) is
 * refused by validate on its own field, refused by connector creation, and when a connector holding it starts anyway
 * (a configuration stored before validate refused it, read back from the worker's config topic), its task fails
 * before running any SQL that embeds it: the source keeps its tables and rows.
 */
class ConfigTextInjectionIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE_DB = "rfinject_src";
    private static final String FILTER_KEY = "row.filter.public.users";
    private static final int CANARY_ROWS = 3;

    /** Each ends the WHERE clause it is put in and drops the canary table; the dollar quote hides a ' from naive lexers. */
    private static final List<String> ESCAPES = List.of(
            "id > 0); drop table canary; --",
            "id > 0) ; drop table canary; select (1",
            "id > 0)/**/;drop table canary;/*",
            "name <> $q$'$q$); drop table canary; --'");

    /** Debezium runs CREATE PUBLICATION <name> FOR ALL TABLES; with the name as it is. */
    private static final String PUBLICATION_ESCAPE = "pg2polar_rfinject_pub FOR ALL TABLES; drop table canary; --";

    @BeforeAll
    static void createSource() {
        env.source().createDatabase(SOURCE_DB);
        env.source().execute(SOURCE_DB, """
                CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL);
                INSERT INTO users SELECT g, 'user ' || g FROM generate_series(1, 20) g;
                CREATE TABLE canary (id int PRIMARY KEY, note text);
                INSERT INTO canary SELECT g, 'still here' FROM generate_series(1, 3) g;
                """);
    }

    @Test
    void filtersThatEscapeTheirExpressionAreRefusedByValidateOnTheirField() {
        for (String filter : ESCAPES) {
            Definition source = source("rfinject-validate", filter, Map.of());
            Validation result =
                    new Validation(env.rest().validate(source.config().get("connector.class"), withName(source)));
            List<String> errors = result.errorsOn(FILTER_KEY);
            assertEquals(1, errors.size(), "validate of " + filter + ": " + result);
            assertTrue(errors.get(0).contains("one boolean expression"), errors.get(0));
            assertCanaryIntact(filter);
        }
    }

    @Test
    void connectorCreationRefusesThem() {
        for (String filter : ESCAPES) {
            Definition source = source("rfinject-create", filter, Map.of());
            RestException refused = assertThrows(
                    RestException.class,
                    () -> env.rest().putConnector(source.name(), source.config()),
                    "connector creation with " + filter);
            assertEquals(400, refused.status(), refused.body());
            assertTrue(refused.body().contains(FILTER_KEY), refused.body());
            assertCanaryIntact(filter);
        }
    }

    /**
     * Connect validates a configuration only when it comes through the REST API: one stored in the config topic (by a
     * worker of an earlier pg2polar, or restored from a backup) is started as it is. Each filter runs once on a
     * streaming and once on a full-only migration, by COPY and by Debezium's row snapshot, so every statement that
     * could embed a filter (the publication, the COPY query, the snapshot SELECT) is on the path. A filter that is one
     * expression but one a publication refuses (a volatile function, which the full load would run on every row) fails
     * the task too.
     */
    @Test
    void aStoredConnectorHoldingOneFailsItsTaskAndLeavesTheSourceUnchanged() {
        Map<String, String> expected = new LinkedHashMap<>();
        List<String> filters = new ArrayList<>(ESCAPES);
        filters.add("id > 0 AND random() < 2");
        for (int i = 0; i < filters.size(); i++) {
            String streamed = i % 2 == 0 ? "copy" : "rows";
            String fullOnly = i % 2 == 0 ? "rows" : "copy";
            String reason = i < ESCAPES.size() ? "one boolean expression" : "cannot be used";
            expected.put(
                    storeInConfigTopic(source(
                            "rfinject-stored-" + i + "-stream",
                            filters.get(i),
                            Map.of("migration.type", "full+incremental", "snapshot.transport", streamed))),
                    reason);
            expected.put(
                    storeInConfigTopic(source(
                            "rfinject-stored-" + i + "-full",
                            filters.get(i),
                            Map.of("migration.type", "full", "snapshot.transport", fullOnly))),
                    reason);
        }
        try {
            expected.forEach((name, reason) -> {
                JsonNode status = env.rest().awaitTaskFailed(name, Duration.ofMinutes(2));
                String trace = status.path("tasks").path(0).path("trace").asText();
                assertTrue(trace.contains(FILTER_KEY) && trace.contains(reason), name + ": " + status.toPrettyString());
            });
            filters.forEach(ConfigTextInjectionIT::assertCanaryIntact);
            assertEquals(
                    0,
                    count("SELECT count(*) FROM pg_publication WHERE pubname LIKE 'pg2polar_rfinject%'"),
                    "publications created");
            assertEquals(
                    0,
                    count("SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE 'pg2polar_rfinject%'"),
                    "slots created");
        } finally {
            expected.keySet().forEach(env.rest()::deleteIfExists);
        }
    }

    /**
     * Behind the lexer, PostgreSQL itself: a text it reads as several statements is refused before any of them runs,
     * whether the lexer was right or not.
     */
    @Test
    void theServerRefusesSeveralStatementsBeforeRunningAny() throws SQLException {
        try (Connection connection = env.source().connect(SOURCE_DB)) {
            connection.setAutoCommit(false);
            SQLException refused = assertThrows(
                    SQLException.class,
                    () -> SingleStatement.verify(
                            connection, "SELECT 1 FROM ONLY public.users WHERE (id > 0); DROP TABLE canary; --)"));
            assertTrue(refused.getMessage().contains("more than one statement"), refused.getMessage());
            connection.rollback();
            SingleStatement.verify(
                    connection, "SELECT 1 FROM ONLY public.users WHERE (name <> 'a; DROP TABLE canary; --')");
            connection.rollback();
        }
        assertCanaryIntact("the server's check");
    }

    @Test
    void aPublicationNameThatEndsItsStatementIsRefusedAndNeverRuns() {
        Definition source =
                ConnectorConfigs.source("rfinject-pub", SOURCE_DB, Map.of("publication.name", PUBLICATION_ESCAPE));
        Validation result =
                new Validation(env.rest().validate(source.config().get("connector.class"), withName(source)));
        List<String> errors = result.errorsOn("publication.name");
        assertEquals(1, errors.size(), result.toString());
        assertTrue(errors.get(0).contains("lowercase letters, digits and '_'"), errors.get(0));
        try {
            RestException refused =
                    assertThrows(RestException.class, () -> env.rest().putConnector(source.name(), source.config()));
            assertEquals(400, refused.status(), refused.body());
            assertTrue(refused.body().contains("publication.name"), refused.body());
            String stored = storeInConfigTopic(ConnectorConfigs.source(
                    "rfinject-pub-stored", SOURCE_DB, Map.of("publication.name", PUBLICATION_ESCAPE)));
            JsonNode status = env.rest().awaitTaskFailed(stored, Duration.ofMinutes(2));
            assertTrue(
                    status.path("tasks").path(0).path("trace").asText().contains("publication.name"),
                    status.toPrettyString());
            assertCanaryIntact(PUBLICATION_ESCAPE);
            assertEquals(
                    0,
                    count("SELECT count(*) FROM pg_publication WHERE pubname LIKE 'pg2polar_rfinject%'"),
                    "publications created");
        } finally {
            env.rest().deleteIfExists(source.name());
            env.rest().deleteIfExists("rfinject-pub-stored-source");
        }
    }

    /** The one literal function is read back as the same text whatever the session's standard_conforming_strings. */
    @Test
    void aQuotedLiteralIsOneValueWhateverTheServerReadsBackslashesAs() throws SQLException {
        List<String> values = List.of("it's", "x\\'; drop table canary; --", "a\\\\b\\", "\\");
        try (Connection connection = env.source().connect(SOURCE_DB);
                Statement statement = connection.createStatement()) {
            for (String setting : List.of("on", "off")) {
                statement.execute("SET standard_conforming_strings = " + setting);
                for (String value : values) {
                    try (ResultSet rs = statement.executeQuery("SELECT " + Identifiers.literal(value))) {
                        rs.next();
                        assertEquals(value, rs.getString(1), "standard_conforming_strings = " + setting);
                    }
                }
            }
        }
        assertCanaryIntact("literals");
    }

    private static Definition source(String prefix, String filter, Map<String, String> more) {
        Map<String, String> changes = new LinkedHashMap<>(more);
        changes.put(FILTER_KEY, filter);
        return ConnectorConfigs.source(prefix, SOURCE_DB, changes);
    }

    /** Writes the connector's configuration where a worker keeps it, as Connect's own store does. */
    private static String storeInConfigTopic(Definition source) {
        Map<String, String> properties = withName(source);
        try {
            env.broker()
                    .testKit()
                    .produce(
                            env.worker().setting("config.storage.topic"),
                            "connector-" + source.name(),
                            JSON.writeValueAsString(Map.of("properties", properties)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return source.name();
    }

    private static void assertCanaryIntact(String filter) {
        assertEquals(CANARY_ROWS, count("SELECT count(*) FROM canary"), "the canary's rows after " + filter);
    }

    private static long count(String sql) {
        try (Connection connection = env.source().connect(SOURCE_DB);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError("The source no longer answers " + sql + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> withName(Definition definition) {
        Map<String, String> config = new HashMap<>(definition.config());
        config.put("name", definition.name());
        return config;
    }
}
