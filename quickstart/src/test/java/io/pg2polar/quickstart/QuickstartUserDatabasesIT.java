package io.pg2polar.quickstart;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.servers.TempDirectory;
import io.pg2polar.servers.postgres.PostgresServer;
import io.pg2polar.servers.postgres.PostgresServers;
import io.pg2polar.servers.postgres.ServerTls;
import io.pg2polar.servers.tls.TestCertificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./pg2polar-quickstart --source URL --target URL}: the user's own databases. */
class QuickstartUserDatabasesIT {

    /**
     * The servers admit only TLS sessions and the URLs ask for {@code sslmode=verify-full} against the run's CA, as
     * managed databases commonly do; every session of the quickstart and of the connectors must follow them. The
     * servers have no {@code postgres} database (some managed services have none, or let an account connect
     * only to its own), so the quickstart may use only the databases of the URLs. Ctrl-C in a terminal sends
     * SIGINT to every process of the foreground group: the Connect worker's JVM stops at the same moment as the
     * quickstart's, whose shutdown then finds no worker to delete the connectors on. It must still drop the
     * replication slot on the user's source, where an unused slot keeps WAL forever.
     */
    @Test
    void migratesOverTlsWithoutAPostgresDatabaseAndCtrlCThatStopsTheWorkerLeavesNoSlot() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        TestCertificates ca = TestCertificates.authority(
                Files.createTempDirectory(TempDirectory.ensure(), "quickstart-tls-"), "quickstart");
        TestCertificates.KeyedCertificate certificate = ca.server("server", "127.0.0.1");
        ServerTls tls = new ServerTls(certificate.certificate(), certificate.key(), ca.certificateFile());
        try (PostgresServer source = PostgresServers.startWithTls(PostgresServers.Role.SOURCE, tls);
                PostgresServer target = PostgresServers.startWithTls(PostgresServers.Role.TARGET, tls)) {
            source.createDatabase("app");
            target.createDatabase("app_copy");
            source.execute("app", "CREATE TABLE items (id int PRIMARY KEY, name text)");
            source.execute("app", "INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, 100) i");
            source.execute("app", "DROP DATABASE postgres");
            target.execute("app_copy", "DROP DATABASE postgres");
            // sslmode=verify-full is obeyed: a CA that did not sign the server's certificate is refused
            String otherCa = TestCertificates.authority(ca.certificateFile().getParent(), "other")
                    .certificateFile()
                    .toString();
            IllegalStateException unverified = assertThrows(
                    IllegalStateException.class,
                    () -> Quickstart.start(
                            QuickstartOptions.parse(
                                    "--source",
                                            url(source.superuser("app")
                                                    .withTls(source.superuser("app")
                                                            .tls()
                                                            .withRootCert(otherCa))),
                                    "--target", url(target.superuser("app_copy"))),
                            out));
            assertTrue(
                    unverified.getMessage().startsWith("--source: ")
                            && unverified.getMessage().contains("PKIX path building failed"),
                    unverified.getMessage());

            Quickstart quickstart = Quickstart.start(
                    QuickstartOptions.parse(
                            "--source", url(source.superuser("app")), "--target", url(target.superuser("app_copy"))),
                    out);
            try {
                awaitRows(target, 100);
                assertEquals(1, slots(source), "the migration's slot while it runs");
                quickstart.worker().stop(); // what the terminal's SIGINT does to the worker's JVM
            } finally {
                quickstart.close();
            }
            assertEquals(0, slots(source), printed.toString(StandardCharsets.UTF_8));
            assertTrue(
                    printed.toString(StandardCharsets.UTF_8).contains("Removed replication slot"),
                    printed.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void anUnreachableDatabaseIsNamedByItsOption() {
        String unreachable = "jdbc:postgresql://127.0.0.1:1/app?user=migrator&password=secret";
        IllegalStateException failure = assertThrows(
                IllegalStateException.class,
                () -> Quickstart.start(
                        QuickstartOptions.parse("--source", unreachable, "--target", unreachable), System.out));
        assertTrue(
                failure.getMessage().startsWith("--source: cannot connect to 127.0.0.1:1/app as migrator"),
                failure.getMessage());
    }

    @Test
    void aUrlParameterOtherThanCredentialsAndTlsIsRefused() {
        String injected =
                "jdbc:postgresql://127.0.0.1:1/app?user=migrator&socketFactory=org.postgresql.ssl.NonValidatingFactory";
        IllegalArgumentException failure = assertThrows(
                IllegalArgumentException.class,
                () -> Quickstart.start(
                        QuickstartOptions.parse("--source", injected, "--target", injected), System.out));
        assertTrue(
                failure.getMessage().startsWith("--source: The URL parameter 'socketFactory' is not taken here"),
                failure.getMessage());
    }

    /** The endpoint as a user writes it for the quickstart: credentials and TLS settings as URL parameters. */
    private static String url(PgEndpoint endpoint) {
        return endpoint.jdbcUrl() + "?user=" + endpoint.user() + "&sslmode="
                + endpoint.tls().mode() + "&sslrootcert="
                + URLEncoder.encode(endpoint.tls().rootCert(), StandardCharsets.UTF_8);
    }

    private static void awaitRows(PostgresServer target, long expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (count(target, "app_copy", "SELECT count(*) FROM public.items") != expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the target never got the " + expected + " rows");
            }
            Thread.sleep(500);
        }
    }

    private static long slots(PostgresServer source) throws SQLException {
        return count(source, "app", "SELECT count(*) FROM pg_replication_slots");
    }

    private static long count(PostgresServer server, String database, String query) throws SQLException {
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return -1;
            }
            throw e;
        }
    }
}
