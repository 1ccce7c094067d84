package io.pg2polar.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.jdbc.TlsSettings;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.TlsServers;
import io.pg2polar.it.kit.Validation;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.servers.tls.TestCertificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connect's validate call refuses each TLS mistake on the key to change, with the fix: a CA that did not sign the
 * server's certificate, a host name the certificate does not list, {@code require} against a server without TLS,
 * no TLS against a TLS-only server, a client key that cannot be read, a wrong key password. Both connectors report
 * through the same check; each case is shown on one of them.
 */
class TlsValidationIT {

    @RegisterExtension
    @Order(1)
    static final TlsServers tls = new TlsServers();

    @RegisterExtension
    @Order(2)
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final Logger LOG = LoggerFactory.getLogger(TlsValidationIT.class);
    private static final String SOURCE_CLASS = "io.pg2polar.source.Pg2PolarSourceConnector";
    private static final String SINK_CLASS = "io.pg2polar.sink.Pg2PolarSinkConnector";
    private static final String DB = "tls_validate";
    private static final String CERT_USER = "tls_checker";
    private static final String KEY_PASSWORD = "right-key-password";
    private static TestCertificates.KeyedCertificate encryptedKey;

    @BeforeAll
    static void createDatabasesAndAccounts() {
        tls.source().createDatabase(DB);
        tls.target().createDatabase(DB);
        tls.source().execute(DB, "CREATE TABLE items (id int PRIMARY KEY)");
        encryptedKey = tls.certificateRole(tls.source(), CERT_USER, KEY_PASSWORD, "SUPERUSER");
        tls.certificateRole(tls.target(), CERT_USER, KEY_PASSWORD, "SUPERUSER");
    }

    @Test
    void theCertificatesAndAccountsValidateClean() {
        assertEquals(
                0,
                validateSource(
                                sourceTls(tls.caFile(), encryptedKey.key().toString(), KEY_PASSWORD),
                                tls.source().host())
                        .errorCount());
        Validation sink = validateSink(
                Map.of(),
                new TlsSettings(
                        "verify-full",
                        tls.caFile(),
                        encryptedKey.certificate().toString(),
                        encryptedKey.key().toString(),
                        KEY_PASSWORD,
                        null));
        assertEquals(0, sink.errorCount(), sink.toString());
    }

    @Test
    void aCaThatDidNotSignTheServersCertificateIsRefusedOnTheRootCertificate() {
        Validation result = validateSource(
                sourceTls(tls.unknownCaFile(), encryptedKey.key().toString(), KEY_PASSWORD),
                tls.source().host());
        assertSingleError(
                result, "database.sslrootcert", "TLS certificate is not signed by a CA in database.sslrootcert");
    }

    @Test
    void aHostNameTheCertificateDoesNotListIsRefusedOnTheHost() {
        // the certificate lists 127.0.0.1 only; localhost reaches the same server
        Validation result = validateSink(Map.of("connection.host", "localhost"), tls.verifyFull());
        assertSingleError(result, "connection.host", "TLS certificate does not name the host 'localhost'");
    }

    @Test
    void requireAgainstAServerWithoutTlsIsRefusedOnTheMode() {
        // the shared servers have ssl off
        Definition sink = ConnectorConfigs.sink(
                "tlscheck", MigrationEnvironment.DEFAULT_TARGET_DB, Map.of("connection.sslmode", "require"));
        Validation result = validate(SINK_CLASS, sink);
        assertSingleError(
                result, "connection.sslmode", "does not accept TLS, and connection.sslmode=require requires it");
    }

    @Test
    void noTlsAgainstATlsOnlyServerIsRefusedOnTheMode() {
        Validation result = validateSink(
                Map.of("connection.user", "postgres"), new TlsSettings("disable", null, null, null, null, null));
        assertSingleError(result, "connection.sslmode", "accepts only TLS sessions");
    }

    @Test
    void aKeyFileThatCannotBeReadIsRefusedOnTheKey() throws Exception {
        Path garbage = Files.createTempFile(encryptedKey.key().getParent(), "not-a-key", ".pk8");
        Files.writeString(garbage, "not a key");
        Validation result = validateSink(
                Map.of(),
                new TlsSettings(
                        "verify-full",
                        tls.caFile(),
                        encryptedKey.certificate().toString(),
                        garbage.toString(),
                        KEY_PASSWORD,
                        null));
        assertSingleError(result, "connection.sslkey", "Cannot read the client key " + garbage);
        Validation missing = validateSource(
                sourceTls(tls.caFile(), encryptedKey.key() + ".missing", KEY_PASSWORD),
                tls.source().host());
        assertSingleError(missing, "database.sslkey", "Cannot read the client key");
    }

    @Test
    void aWrongKeyPasswordIsRefusedOnThePasswordWithoutShowingIt() {
        Validation result = validateSource(
                sourceTls(tls.caFile(), encryptedKey.key().toString(), "wrong-key-password"),
                tls.source().host());
        assertSingleError(result, "database.sslpassword", "Cannot decrypt the client key");
        assertTrue(!result.toString().contains("wrong-key-password") || onlyAsTheValue(result), result.toString());
    }

    private static boolean onlyAsTheValue(Validation result) {
        // Connect echoes a PASSWORD-type value as [hidden]; no message may carry it
        return result.errorsOn("database.sslpassword").stream().noneMatch(m -> m.contains("wrong-key-password"));
    }

    private static TlsSettings sourceTls(String rootCert, String key, String keyPassword) {
        return new TlsSettings(
                "verify-full", rootCert, encryptedKey.certificate().toString(), key, keyPassword, null);
    }

    private static Validation validateSource(TlsSettings settings, String host) {
        Map<String, String> changes = new LinkedHashMap<>(tls.sourceConnection(CERT_USER, null, settings));
        changes.put("database.hostname", host);
        return validate(SOURCE_CLASS, ConnectorConfigs.source("tlscheck", DB, changes));
    }

    private static Validation validateSink(Map<String, String> overrides, TlsSettings settings) {
        Map<String, String> changes = new LinkedHashMap<>(tls.targetConnection(CERT_USER, null, settings));
        changes.putAll(overrides);
        return validate(SINK_CLASS, ConnectorConfigs.sink("tlscheck", DB, changes));
    }

    private static Validation validate(String connectorClass, Definition definition) {
        Map<String, String> config = new LinkedHashMap<>(definition.config());
        config.put("name", definition.name());
        return new Validation(env.rest().validate(connectorClass, config));
    }

    private static void assertSingleError(Validation result, String field, String expectedText) {
        List<String> errors = result.errorsOn(field);
        LOG.info("Refused on {}: {}", field, errors);
        assertEquals(1, result.errorCount(), "expected exactly one error, on " + field + ": " + result);
        assertTrue(
                errors.size() == 1 && errors.get(0).contains(expectedText),
                "expected on " + field + " a message containing '" + expectedText + "', got " + errors);
    }
}
