package io.pg2polar.it.kit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.jdbc.ConnectionFields;
import io.pg2polar.common.jdbc.TlsSettings;
import io.pg2polar.servers.TempDirectory;
import io.pg2polar.servers.postgres.PostgresServer;
import io.pg2polar.servers.postgres.PostgresServers;
import io.pg2polar.servers.postgres.ServerTls;
import io.pg2polar.servers.tls.TestCertificates;

/**
 * JUnit 5 extension giving a test class a source and a target PostgreSQL that admit only TLS sessions over TCP
 * ({@code ssl=on}, {@code hostssl} rules, {@link ServerTls}), with certificates of a CA made for the run, next to the
 * shared broker and worker of {@link MigrationEnvironment}. Like those, one pair serves every class of the run; classes
 * isolate themselves by database, role and connector names, and {@link #afterAll} drops their replication slots.
 *
 * <pre>{@code @RegisterExtension @Order(2) static final TlsServers tls = new TlsServers();}</pre>
 */
public final class TlsServers implements BeforeAllCallback, AfterAllCallback {

    private static final Logger LOG = LoggerFactory.getLogger(TlsServers.class);
    private static final ExtensionContext.Namespace SHARED = ExtensionContext.Namespace.create(TlsServers.class);

    private Servers servers;

    /** The servers and the run's certificates. */
    private record Servers(
            PostgresServer source, PostgresServer target, TestCertificates ca, TestCertificates otherCa, Path directory)
            implements AutoCloseable {

        @Override
        public void close() {
            source.close();
            target.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        servers = context.getRoot().getStore(SHARED).getOrComputeIfAbsent(Servers.class, key -> start(), Servers.class);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Slots.dropAll(servers.source());
    }

    private static Servers start() {
        long started = System.nanoTime();
        try {
            Path directory = Files.createTempDirectory(TempDirectory.ensure(), "tls-");
            TestCertificates ca = TestCertificates.authority(directory, "pg2polar-test");
            TestCertificates.KeyedCertificate server = ca.server("server", "127.0.0.1");
            ServerTls tls = new ServerTls(server.certificate(), server.key(), ca.certificateFile());
            CompletableFuture<PostgresServer> source =
                    CompletableFuture.supplyAsync(() -> PostgresServers.startWithTls(PostgresServers.Role.SOURCE, tls));
            CompletableFuture<PostgresServer> target =
                    CompletableFuture.supplyAsync(() -> PostgresServers.startWithTls(PostgresServers.Role.TARGET, tls));
            Servers servers = new Servers(
                    source.join(), target.join(), ca, TestCertificates.authority(directory, "unknown"), directory);
            LOG.info(
                    "TLS servers up in {} ms: source {}, target {}, certificates in {}",
                    (System.nanoTime() - started) / 1_000_000,
                    servers.source().describe(),
                    servers.target().describe(),
                    directory);
            return servers;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The source server: wal_level=logical, TLS only. */
    public PostgresServer source() {
        return servers.source();
    }

    /** The target server, TLS only. */
    public PostgresServer target() {
        return servers.target();
    }

    /** The CA file that signed both servers' certificates: the clients' {@code sslrootcert}. */
    public String caFile() {
        return servers.ca().certificateFile().toString();
    }

    /** A CA file that did not sign the servers' certificates. */
    public String unknownCaFile() {
        return servers.otherCa().certificateFile().toString();
    }

    /** verify-full against the run's CA, without a client certificate. */
    public TlsSettings verifyFull() {
        return new TlsSettings("verify-full", caFile(), null, null, null, null);
    }

    /** The source connector's settings for the TLS source as {@code user} (password may be null) with these TLS settings. */
    public Map<String, String> sourceConnection(String user, String password, TlsSettings tls) {
        return connection(ConnectionFields.SOURCE, source(), user, password, tls);
    }

    /** The sink connector's settings for the TLS target as {@code user} (password may be null) with these TLS settings. */
    public Map<String, String> targetConnection(String user, String password, TlsSettings tls) {
        return connection(ConnectionFields.TARGET, target(), user, password, tls);
    }

    private static Map<String, String> connection(
            ConnectionFields fields, PostgresServer server, String user, String password, TlsSettings tls) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(fields.host(), server.host());
        settings.put(fields.port(), Integer.toString(server.port()));
        settings.put(fields.user(), user);
        settings.put(fields.password(), password == null ? "" : password);
        putIfSet(settings, fields.tls(TlsSettings.MODE), tls.mode());
        putIfSet(settings, fields.tls(TlsSettings.ROOT_CERT), tls.rootCert());
        putIfSet(settings, fields.tls(TlsSettings.CERT), tls.cert());
        putIfSet(settings, fields.tls(TlsSettings.KEY), tls.key());
        putIfSet(settings, fields.tls(TlsSettings.KEY_PASSWORD), tls.keyPassword());
        return settings;
    }

    private static void putIfSet(Map<String, String> settings, String key, String value) {
        if (value != null) {
            settings.put(key, value);
        }
    }

    /**
     * Creates a role that logs in with a client certificate on {@code server} (a member of
     * {@link ServerTls#CERTIFICATE_LOGIN_GROUP}) and issues its certificate.
     *
     * @param keyPassword encrypts the key file when not null
     * @param attributes  further role attributes, e.g. {@code REPLICATION}
     */
    public TestCertificates.KeyedCertificate certificateRole(
            PostgresServer server, String role, String keyPassword, String attributes) {
        server.execute(
                "postgres",
                "DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role + " LOGIN " + attributes + " IN ROLE "
                        + ServerTls.CERTIFICATE_LOGIN_GROUP);
        return servers.ca().client(role, keyPassword);
    }
}
