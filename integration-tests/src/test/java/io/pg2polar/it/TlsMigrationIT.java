package io.pg2polar.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.pg2polar.common.jdbc.TlsSettings;
import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.DatabaseComparison.Side;
import io.pg2polar.it.kit.FamilyTables;
import io.pg2polar.it.kit.FamilyWorkload;
import io.pg2polar.it.kit.LiveWriter;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.TlsServers;
import io.pg2polar.it.kit.Validation;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.servers.postgres.PostgresServer;
import io.pg2polar.servers.tls.TestCertificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A migration between two servers that admit only TLS sessions ({@code hostssl}): {@code verify-full} on both sides,
 * the source account logging in with a client certificate whose key is encrypted ({@code database.sslcert},
 * {@code sslkey}, {@code sslpassword}), the target account with a password. The full load, the stream under a live
 * writer, and the REST extension's status, verification and cutover all run over TLS; every row is compared at the
 * end, and every session of the two accounts is seen encrypted, the source's with the client certificate.
 */
class TlsMigrationIT {

    // registered first, so its afterAll (dropping the TLS source's slots) runs after the worker's connectors are gone
    @RegisterExtension
    @Order(1)
    static final TlsServers tls = new TlsServers();

    @RegisterExtension
    @Order(2)
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final Logger LOG = LoggerFactory.getLogger(TlsMigrationIT.class);
    private static final Duration CATCH_UP = Duration.ofMinutes(3);
    private static final String NAME = "tlsmig";
    private static final String SOURCE_DB = "tls_mig_src";
    private static final String TARGET_DB = "tls_mig_tgt";
    private static final String SOURCE_USER = "tls_replicator";
    private static final String KEY_PASSWORD = "tls-key-secret";
    private static final String TARGET_USER = "tls_writer";
    private static final String TARGET_PASSWORD = "tls-target-secret";

    @Test
    void fullAndIncrementalMigrationWithVerifyFullAndAClientCertificateThenStatusVerifyAndCutoverOverTls()
            throws SQLException {
        tls.source().createDatabase(SOURCE_DB);
        tls.target().createDatabase(TARGET_DB);
        FamilyTables.create(tls.source(), SOURCE_DB);
        FamilyTables.load(tls.source(), SOURCE_DB, 300);
        TestCertificates.KeyedCertificate clientCertificate =
                tls.certificateRole(tls.source(), SOURCE_USER, KEY_PASSWORD, "SUPERUSER");
        tls.target()
                .execute(
                        "postgres",
                        "DROP ROLE IF EXISTS " + TARGET_USER + "; CREATE ROLE " + TARGET_USER
                                + " LOGIN SUPERUSER PASSWORD '" + TARGET_PASSWORD + "'");

        TlsSettings sourceTls = new TlsSettings(
                "verify-full",
                tls.caFile(),
                clientCertificate.certificate().toString(),
                clientCertificate.key().toString(),
                KEY_PASSWORD,
                null);
        Map<String, String> sourceSettings = new LinkedHashMap<>(tls.sourceConnection(SOURCE_USER, null, sourceTls));
        Definition source = ConnectorConfigs.source(NAME, SOURCE_DB, sourceSettings);
        Definition sink = ConnectorConfigs.sink(
                NAME, TARGET_DB, tls.targetConnection(TARGET_USER, TARGET_PASSWORD, tls.verifyFull()));
        Validation sourceValidation =
                new Validation(env.rest().validate(source.config().get("connector.class"), withName(source)));
        assertEquals(0, sourceValidation.errorCount(), sourceValidation.toString());
        Validation sinkValidation =
                new Validation(env.rest().validate(sink.config().get("connector.class"), withName(sink)));
        assertEquals(0, sinkValidation.errorCount(), sinkValidation.toString());

        try (LiveWriter writer = LiveWriter.start(tls.source(), SOURCE_DB, new FamilyWorkload(), 20)) {
            env.rest().putConnector(source.name(), source.config());
            env.rest().putConnector(sink.name(), sink.config());
            env.rest().awaitRunning(source.name(), Duration.ofMinutes(1));
            env.rest().awaitRunning(sink.name(), Duration.ofMinutes(1));
            JsonNode streaming = Await.value("the migration streams changes", CATCH_UP, () -> {
                JsonNode status = env.rest().get("/pg2polar/migrations/" + NAME);
                return "incremental".equals(status.path("phase").asText())
                                && status.path("totals").path("updates").asLong() > 0
                        ? status
                        : null;
            });
            LOG.info("Status over TLS: {}", streaming.toPrettyString());
            // the writer started first: the snapshot holds the 3000 loaded rows and what it wrote meanwhile
            assertTrue(streaming.path("totals").path("snapshotRows").asLong() >= 3000, streaming.toPrettyString());
            writer.stop();
        }
        DatabaseComparison.awaitIdentical(
                new Side(tls.source(), SOURCE_DB), new Side(tls.target(), TARGET_DB), FamilyTables.ALL, CATCH_UP);
        assertEncrypted(tls.source(), SOURCE_USER, "/CN=" + SOURCE_USER);
        assertEncrypted(tls.target(), TARGET_USER, null);

        JsonNode verified = env.rest()
                .post(
                        "/pg2polar/migrations/" + NAME + "/verify?mode=full&recheckDelaySeconds=1",
                        null,
                        Duration.ofMinutes(2));
        assertTrue(verified.path("equal").asBoolean(), verified.toPrettyString());
        JsonNode cutover = env.rest()
                .post(
                        "/pg2polar/migrations/" + NAME + "/cutover?verify=count&timeoutSeconds=120",
                        null,
                        Duration.ofMinutes(5));
        LOG.info("Cutover over TLS: {}", cutover.toPrettyString());
        assertTrue(cutover.path("completed").asBoolean(), cutover.toPrettyString());
        env.rest().awaitPaused(source.name(), Duration.ofMinutes(1));
        env.rest().awaitPaused(sink.name(), Duration.ofMinutes(1));
        DatabaseComparison.assertIdentical(
                new Side(tls.source(), SOURCE_DB), new Side(tls.target(), TARGET_DB), FamilyTables.ALL);
        env.rest().delete(sink.name());
        env.rest().delete(source.name());
        String log = env.worker().logText();
        assertFalse(
                log.contains(KEY_PASSWORD) || log.contains(TARGET_PASSWORD),
                "a password in the worker log " + env.worker().logFile());
    }

    /**
     * The account's sessions on the server (the worker's: schema reads, COPY, the replication stream, heartbeats,
     * the sink's writers) all use TLS, with the given client certificate when not null.
     */
    private static void assertEncrypted(PostgresServer server, String user, String clientDn) throws SQLException {
        List<String> sessions = new ArrayList<>();
        try (Connection connection = server.connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT a.backend_type, a.application_name, s.ssl, s.client_dn FROM pg_stat_activity a"
                                + " JOIN pg_stat_ssl s USING (pid) WHERE a.usename = '" + user + "' ORDER BY 1, 2")) {
            while (rs.next()) {
                sessions.add(rs.getString(1) + " " + rs.getString(2) + " ssl=" + rs.getBoolean(3) + " dn="
                        + rs.getString(4));
                assertTrue(rs.getBoolean(3), "an unencrypted session of " + user + ": " + sessions);
                assertEquals(clientDn, rs.getString(4), sessions.toString());
            }
        }
        LOG.info("Sessions of {}: {}", user, sessions);
        assertTrue(sessions.size() >= 2, "sessions of " + user + ": " + sessions);
        if (clientDn != null) {
            assertTrue(
                    sessions.stream().anyMatch(s -> s.startsWith("walsender")),
                    "the replication stream of " + user + ": " + sessions);
        }
    }

    private static Map<String, String> withName(Definition definition) {
        Map<String, String> config = new LinkedHashMap<>(definition.config());
        config.put("name", definition.name());
        return config;
    }
}
