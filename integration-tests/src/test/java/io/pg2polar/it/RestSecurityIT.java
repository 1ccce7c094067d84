package io.pg2polar.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pg2polar.common.jdbc.TlsSettings;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.DatabaseComparison.Side;
import io.pg2polar.it.kit.FamilyTables;
import io.pg2polar.it.kit.HeadlessChromium;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Slots;
import io.pg2polar.it.kit.TlsServers;
import io.pg2polar.servers.TempDirectory;
import io.pg2polar.servers.connect.ConnectRestClient;
import io.pg2polar.servers.connect.ConnectRestClient.RestException;
import io.pg2polar.servers.connect.ConnectorConfigFiles;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.servers.tls.TestCertificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pg2polar's control calls behind the worker's REST security: with Kafka's {@code BasicAuthSecurityRestExtension}
 * (JAAS property-file logins) on the worker, {@code /pg2polar/migrations/...} refuses requests without valid
 * credentials as Connect's own resources do (the extension's resources are registered in the same Jersey application,
 * behind the same filter), and with them status, verification, cutover (which pauses the connectors through the
 * worker's own API with the caller's credentials) and cleanup work. No password of the migration (the target's, the
 * source's TLS key password, the operator's) appears in any answer or in the worker's log.
 */
class RestSecurityIT {

    private static final String OPERATOR = "operator";
    private static final String OPERATOR_PASSWORD = "operator-secret-Q7x";
    private static final String KEY_PASSWORD = "source-key-secret-F3p";
    private static final String TARGET_PASSWORD = "target-secret-K9m";
    private static final String NAME = "secured";
    private static final String SOURCE_DB = "secured_src";
    private static final String TARGET_DB = "secured_tgt";

    // registered first, so its afterAll (dropping the TLS source's slots) runs after the class's worker is gone
    @RegisterExtension
    @Order(1)
    static final TlsServers tls = new TlsServers();

    @RegisterExtension
    @Order(2)
    static final MigrationEnvironment env = MigrationEnvironment.sharedWithOwnWorker(basicAuthWorker());

    private static final Logger LOG = LoggerFactory.getLogger(RestSecurityIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CATCH_UP = Duration.ofMinutes(3);

    private final List<String> answers = new ArrayList<>();

    /**
     * The console in a real browser behind the worker's BasicAuth: the page and the REST calls it makes are challenged
     * (the extension adds WWW-Authenticate to Kafka's bare 401), and the browser answers with the credentials of the
     * address it opened, so the migration's phase appears.
     */
    private static void assertTheConsoleLogsInWithTheOperatorsCredentials() {
        URI worker = env.worker().restUrl();
        try (HeadlessChromium browser = HeadlessChromium.start(1280, 900)) {
            browser.open("http://" + OPERATOR + ":" + OPERATOR_PASSWORD + "@" + worker.getHost() + ":"
                    + worker.getPort() + "/pg2polar/ui/#/m/" + NAME);
            browser.textContains(".title-row .badge", "incremental", Duration.ofMinutes(1));
        }
    }

    @Test
    void controlCallsRefuseRequestsWithoutCredentialsAndWorkWithThemWithoutShowingAPassword() {
        tls.source().createDatabase(SOURCE_DB);
        FamilyTables.create(tls.source(), SOURCE_DB);
        FamilyTables.load(tls.source(), SOURCE_DB, 100);
        env.target().createDatabase(TARGET_DB);
        env.target()
                .execute(
                        "postgres",
                        "DROP ROLE IF EXISTS secured_writer; CREATE ROLE secured_writer LOGIN SUPERUSER PASSWORD '"
                                + TARGET_PASSWORD + "'");
        TestCertificates.KeyedCertificate certificate =
                tls.certificateRole(tls.source(), "secured_replicator", KEY_PASSWORD, "SUPERUSER");
        Definition source = ConnectorConfigs.source(
                NAME,
                SOURCE_DB,
                tls.sourceConnection(
                        "secured_replicator",
                        null,
                        new TlsSettings(
                                "verify-full",
                                tls.caFile(),
                                certificate.certificate().toString(),
                                certificate.key().toString(),
                                KEY_PASSWORD,
                                null)));
        Definition sink = ConnectorConfigs.sink(
                NAME, TARGET_DB, Map.of("connection.user", "secured_writer", "connection.password", TARGET_PASSWORD));

        ConnectRestClient anonymous = env.rest().anonymous();
        ConnectRestClient wrongPassword = anonymous.withBasicAuth(OPERATOR, "not-the-password");
        assertRefused(() -> anonymous.get("/connectors"));
        assertRefused(() -> anonymous.putConnector(source.name(), source.config()));
        assertRefused(() -> wrongPassword.get("/connectors"));
        assertEquals(0, env.rest().get("/connectors").size(), "an anonymous PUT created nothing");

        env.rest().putConnector(source.name(), source.config());
        env.rest().putConnector(sink.name(), sink.config());
        DatabaseComparison.awaitIdentical(
                new Side(tls.source(), SOURCE_DB), new Side(env.target(), TARGET_DB), FamilyTables.ALL, CATCH_UP);

        String migration = "/pg2polar/migrations/" + NAME;
        JsonNode cleanupBody = JSON.valueToTree(Map.of("config", withName(source)));
        assertRefused(() -> anonymous.get(migration));
        assertRefused(() -> anonymous.get(migration + "/precheck"));
        assertRefused(() -> anonymous.post(migration + "/verify?mode=count", null, Duration.ofMinutes(1)));
        assertRefused(() -> anonymous.post(migration + "/cutover?action=delete", null, Duration.ofMinutes(1)));
        assertRefused(() -> anonymous.post(migration + "/cleanup", cleanupBody, Duration.ofMinutes(1)));
        assertRefused(() -> wrongPassword.post(migration + "/cutover?action=delete", null, Duration.ofMinutes(1)));
        env.rest().awaitRunning(source.name(), Duration.ofMinutes(1));
        env.rest().awaitRunning(sink.name(), Duration.ofMinutes(1));

        JsonNode status = answer(() -> env.rest().get(migration));
        assertEquals("incremental", status.path("phase").asText(), status.toPrettyString());
        assertTheConsoleLogsInWithTheOperatorsCredentials();
        JsonNode verified = answer(() ->
                env.rest().post(migration + "/verify?mode=full&recheckDelaySeconds=1", null, Duration.ofMinutes(2)));
        assertTrue(verified.path("equal").asBoolean(), verified.toPrettyString());
        answer(() -> env.rest().get(migration + "/precheck"));
        JsonNode cutover = answer(() ->
                env.rest().post(migration + "/cutover?verify=count&timeoutSeconds=120", null, Duration.ofMinutes(5)));
        LOG.info("Cutover with credentials: {}", cutover.toPrettyString());
        assertTrue(cutover.path("completed").asBoolean(), cutover.toPrettyString());
        env.rest().awaitPaused(source.name(), Duration.ofMinutes(1));
        env.rest().awaitPaused(sink.name(), Duration.ofMinutes(1));

        env.rest().delete(sink.name());
        env.rest().delete(source.name());
        RestException malformed = assertThrows(
                RestException.class,
                () -> env.rest()
                        .post(
                                migration + "/cleanup",
                                JSON.getNodeFactory()
                                        .textNode("{\"config\": {\"database.sslpassword\": " + KEY_PASSWORD + "}"),
                                Duration.ofMinutes(1)));
        answers.add(malformed.getMessage());
        JsonNode cleanup = answer(() -> env.rest().post(migration + "/cleanup", cleanupBody, Duration.ofMinutes(2)));
        assertTrue(cleanup.path("completed").asBoolean(), cleanup.toPrettyString());
        assertEquals(0, Slots.count(tls.source(), SOURCE_DB));

        for (String secret : List.of(KEY_PASSWORD, TARGET_PASSWORD, OPERATOR_PASSWORD)) {
            for (String text : answers) {
                assertFalse(text.contains(secret), "an answer shows a password: " + text);
            }
            assertFalse(
                    env.worker().logText().contains(secret),
                    "the worker log shows the password " + secret + " ("
                            + env.worker().logFile() + ")");
        }
    }

    private JsonNode answer(Supplier<JsonNode> call) {
        JsonNode answer = call.get();
        answers.add(answer.toString());
        return answer;
    }

    private void assertRefused(Runnable call) {
        RestException refused = assertThrows(RestException.class, call::run);
        assertEquals(401, refused.status(), refused.getMessage());
        answers.add(refused.getMessage());
    }

    private static Map<String, String> withName(Definition definition) {
        Map<String, String> config = new LinkedHashMap<>(definition.config());
        config.put("name", definition.name());
        return config;
    }

    /**
     * A worker with Kafka's basic-authentication extension before pg2polar's, its JAAS login module reading one
     * operator account from a properties file; the kit's own client logs in as that operator.
     */
    private static Map<String, String> basicAuthWorker() {
        try {
            Path directory = Files.createTempDirectory(TempDirectory.ensure(), "basic-auth-");
            Path credentials = Files.writeString(
                    directory.resolve("credentials.properties"), OPERATOR + "=" + OPERATOR_PASSWORD + "\n");
            Path jaas = Files.writeString(directory.resolve("jaas.conf"), """
                    KafkaConnect {
                      org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule required
                      file="%s";
                    };
                    """.formatted(credentials.toAbsolutePath()));
            return Map.of(
                    "rest.extension.classes",
                    "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension,"
                            + shippedWorkerSetting("rest.extension.classes"),
                    "pg2polar.worker.jvm.options",
                    "-XX:+UseSerialGC -Djava.security.auth.login.config=" + jaas.toAbsolutePath(),
                    "pg2polar.worker.rest.credentials",
                    OPERATOR + ':' + OPERATOR_PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shippedWorkerSetting(String key) throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(
                System.getProperty(ConnectorConfigFiles.DIRECTORY_PROPERTY, "../connect-configs"),
                "connect-distributed.properties"))) {
            shipped.load(in);
        }
        return shipped.getProperty(key);
    }
}
