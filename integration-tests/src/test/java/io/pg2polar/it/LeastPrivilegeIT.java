package io.pg2polar.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.DatabaseComparison.Side;
import io.pg2polar.it.kit.FamilyTables;
import io.pg2polar.it.kit.FamilyWorkload;
import io.pg2polar.it.kit.LiveWriter;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Slots;
import io.pg2polar.it.kit.Validation;
import io.pg2polar.servers.connect.ConnectRestClient;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smallest accounts migrate full + incremental, with the statements the README gives. Source: no superuser, no
 * CREATE on the database - LOGIN REPLICATION, USAGE on the schema, SELECT on its tables and sequences, the
 * publication, the heartbeat table and the full load's watermark table made beforehand by an owner,
 * {@code ddl.capture=false}; validate names a missing grant with the statement to run, and the target's sequences catch up with the source's. Target: the owner of
 * the target database, no superuser (foreign keys are then held back, {@code apply.foreign.keys=auto}).
 */
class LeastPrivilegeIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final String SOURCE_DB = "least_src";
    private static final String TARGET_DB = "least_tgt";
    private static final String SOURCE_USER = "least_source";
    private static final String SOURCE_PASSWORD = "least-source-pw";
    private static final String TARGET_USER = "least_target";
    private static final String TARGET_PASSWORD = "least-target-pw";
    private static final String PUBLICATION = "least_publication";
    private static final Duration CATCH_UP = Duration.ofMinutes(3);

    @Test
    void theSmallestSourceAndTargetAccountsMigrateFullAndIncremental() throws SQLException {
        env.source().createDatabase(SOURCE_DB);
        FamilyTables.create(env.source(), SOURCE_DB);
        FamilyTables.load(env.source(), SOURCE_DB, 200);
        // README, "Least privilege": the source account, and what an owner prepares for it
        env.source().execute(SOURCE_DB, """
                DROP ROLE IF EXISTS least_source;
                CREATE ROLE least_source LOGIN REPLICATION PASSWORD 'least-source-pw';
                GRANT USAGE ON SCHEMA public TO least_source;
                GRANT SELECT ON public.parent, public.grandchild TO least_source;
                CREATE SCHEMA pg2polar;
                CREATE TABLE pg2polar.heartbeat (slot_name text PRIMARY KEY, beat_at_ms bigint NOT NULL);
                GRANT USAGE ON SCHEMA pg2polar TO least_source;
                GRANT SELECT, INSERT, UPDATE ON pg2polar.heartbeat TO least_source;
                CREATE TABLE pg2polar.load_marks (slot_name text NOT NULL, reader integer NOT NULL, mark text NOT NULL,
                                                  PRIMARY KEY (slot_name, reader));
                GRANT SELECT, INSERT, UPDATE ON pg2polar.load_marks TO least_source;
                CREATE PUBLICATION least_publication FOR TABLE public.parent, public.child, public.grandchild, pg2polar.heartbeat,
                                                             pg2polar.load_marks;
                """);
        // README, "Least privilege": the target account owns the target database
        env.target()
                .execute(
                        "postgres",
                        "DROP DATABASE IF EXISTS " + TARGET_DB + " WITH (FORCE); DROP ROLE IF EXISTS least_target;"
                                + " CREATE ROLE least_target LOGIN PASSWORD 'least-target-pw'");
        env.target().execute("postgres", "CREATE DATABASE " + TARGET_DB + " OWNER least_target");
        PgEndpoint source =
                new PgEndpoint(env.source().host(), env.source().port(), SOURCE_DB, SOURCE_USER, SOURCE_PASSWORD);
        PgEndpoint target =
                new PgEndpoint(env.target().host(), env.target().port(), TARGET_DB, TARGET_USER, TARGET_PASSWORD);
        assertEquals(
                "false",
                query(
                        source,
                        "SELECT (rolsuper OR has_database_privilege(current_database(), 'CREATE'))::text FROM pg_roles"
                                + " WHERE rolname = current_user"),
                "the source account is no superuser and may not create schemas");
        assertEquals("false", query(target, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"));

        Definition sourceConnector = ConnectorConfigs.source(
                "least",
                SOURCE_DB,
                Map.of(
                        "database.user",
                        SOURCE_USER,
                        "database.password",
                        SOURCE_PASSWORD,
                        "ddl.capture",
                        "false",
                        "publication.name",
                        PUBLICATION,
                        "publication.autocreate.mode",
                        "disabled"));
        Definition sinkConnector = ConnectorConfigs.sink(
                "least", TARGET_DB, Map.of("connection.user", TARGET_USER, "connection.password", TARGET_PASSWORD));
        // validate names each missing privilege on the account with the GRANT to run: SELECT on a table, and on the
        // sequences, whose values pg_sequences shows as NULL without it (the target's would stay behind)
        List<String> missing = validation("io.pg2polar.source.Pg2PolarSourceConnector", sourceConnector)
                .errorsOn("database.user");
        assertTrue(
                missing.stream().anyMatch(e -> e.contains("GRANT SELECT ON \"public\".\"child\" TO least_source")),
                missing.toString());
        assertTrue(
                missing.stream()
                        .anyMatch(e -> e.contains(
                                "GRANT SELECT ON SEQUENCE \"public\".\"child_id_seq\", \"public\".\"grandchild_id_seq\","
                                        + " \"public\".\"parent_id_seq\" TO least_source")),
                missing.toString());
        env.source()
                .execute(
                        SOURCE_DB,
                        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO least_source;"
                                + " GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO least_source");
        assertValid("io.pg2polar.source.Pg2PolarSourceConnector", sourceConnector);
        assertValid("io.pg2polar.sink.Pg2PolarSinkConnector", sinkConnector);

        try (LiveWriter writer = LiveWriter.start(env.source(), SOURCE_DB, new FamilyWorkload(), 20)) {
            env.rest().putConnector(sourceConnector.name(), sourceConnector.config());
            env.rest().putConnector(sinkConnector.name(), sinkConnector.config());
            env.rest().awaitRunning(sourceConnector.name(), Duration.ofMinutes(1));
            env.rest().awaitRunning(sinkConnector.name(), Duration.ofMinutes(1));
            Await.until("the writer commits while changes stream", CATCH_UP, () -> writer.transactions() > 100);
            // heartbeats reach the table the owner made: the slot moves on an idle source
            Await.until(
                    "a heartbeat row of the migration's slot",
                    CATCH_UP,
                    () -> "1"
                            .equals(
                                    query(
                                            source,
                                            "SELECT count(*)::text FROM pg2polar.heartbeat WHERE slot_name = 'pg2polar_least_source'")));
            writer.stop();
        }
        DatabaseComparison.awaitIdentical(
                new Side(env.source(), SOURCE_DB), new Side(env.target(), TARGET_DB), FamilyTables.ALL, CATCH_UP);
        assertTrue(
                Long.parseLong(query(target, "SELECT count(*)::text FROM pg2polar.held_foreign_keys")) > 0,
                "without a superuser the sink holds the foreign keys back");
        for (String sequence : List.of("parent_id_seq", "child_id_seq", "grandchild_id_seq")) {
            String sql = "SELECT last_value::text FROM public." + sequence;
            long sourceValue = Long.parseLong(query(source, sql));
            Await.until(
                    "target sequence " + sequence + " at least at the source's " + sourceValue,
                    CATCH_UP,
                    () -> Long.parseLong(query(target, sql)) >= sourceValue);
        }

        env.rest().delete(sinkConnector.name());
        env.rest().delete(sourceConnector.name());
        Slots.drop(env.source(), SOURCE_DB, "pg2polar_least_source");
    }

    /**
     * The chunked full load places its chunks in the change stream by watermarks written into pg2polar.load_marks: a
     * publication the user manages without that table would leave the load waiting forever, so the task fails at
     * once naming the statement to run.
     */
    @Test
    void aManagedPublicationWithoutTheWatermarkTableFailsTheTaskNamingTheFix() {
        String sourceDb = "least_pub_src";
        env.source().createDatabase(sourceDb);
        env.source()
                .execute(
                        sourceDb,
                        "CREATE TABLE item (id int PRIMARY KEY, label text); INSERT INTO item VALUES (1, 'one');"
                                + " CREATE PUBLICATION least_pub FOR TABLE item");
        Definition source = ConnectorConfigs.source(
                "least_pub",
                sourceDb,
                Map.of(
                        "ddl.capture",
                        "false",
                        "publication.name",
                        "least_pub",
                        "publication.autocreate.mode",
                        "disabled"));
        env.rest().putConnector(source.name(), source.config());
        String trace = Await.value(
                "the source task to fail",
                Duration.ofMinutes(1),
                () -> {
                    JsonNode status;
                    try {
                        status = env.rest().status(source.name());
                    } catch (ConnectRestClient.RestException e) {
                        // no status yet just after the connector was created
                        return null;
                    }
                    for (JsonNode task : status.path("tasks")) {
                        if ("FAILED".equals(task.path("state").asText())) {
                            return task.path("trace").asText();
                        }
                    }
                    return null;
                },
                Duration.ofMillis(500));
        assertTrue(trace.contains("ALTER PUBLICATION \"least_pub\" ADD TABLE pg2polar.load_marks"), trace);
        env.rest().delete(source.name());
        Slots.drop(env.source(), sourceDb, "pg2polar_least_pub_source");
    }

    private static void assertValid(String connectorClass, Definition definition) {
        Validation validation = validation(connectorClass, definition);
        assertEquals(0, validation.errorCount(), validation.toString());
    }

    private static Validation validation(String connectorClass, Definition definition) {
        Map<String, String> config = new LinkedHashMap<>(definition.config());
        config.put("name", definition.name());
        return new Validation(env.rest().validate(connectorClass, config));
    }

    private static String query(PgEndpoint endpoint, String sql) {
        try (Connection connection =
                        endpoint.connect("least-privilege-test", Duration.ofSeconds(10), Duration.ofSeconds(30));
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
