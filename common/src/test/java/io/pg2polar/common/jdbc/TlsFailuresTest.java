package io.pg2polar.common.jdbc;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.sql.SQLException;
import javax.crypto.BadPaddingException;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each TLS failure, shaped as pgjdbc 42.7 reports it, lands on the key to change, with words saying how. */
class TlsFailuresTest {

    private static final TlsSettings TLS =
            new TlsSettings("verify-full", "/etc/pg/ca.crt", "/etc/pg/client.crt", "/etc/pg/client.pk8", "pw", null);
    private static final PgEndpoint ENDPOINT = new PgEndpoint("db.example", 5432, "app", "migrator", "secret", TLS);

    @Test
    void unknownCaPointsAtTheRootCertificate() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(
                new CertPathBuilderException("unable to find valid certification path to requested target"));
        ConnectivityCheck.Failure failure = explain(
                ConnectionFields.SOURCE, new SQLException("SSL error: PKIX path building failed", "08006", handshake));
        assertEquals("database.sslrootcert", failure.field());
        assertTrue(
                failure.message().contains("not signed by a CA in database.sslrootcert (/etc/pg/ca.crt)"),
                failure.message());
    }

    @Test
    void unreadableRootCertificatePointsAtIt() {
        SQLException e = new SQLException(
                "Could not open SSL root certificate file /etc/pg/ca.crt.",
                "08006",
                new FileNotFoundException("/etc/pg/ca.crt (No such file or directory)"));
        assertEquals(
                "connection.sslrootcert", explain(ConnectionFields.TARGET, e).field());
    }

    @Test
    void hostNameMismatchPointsAtTheHost() {
        ConnectivityCheck.Failure failure = explain(
                ConnectionFields.TARGET,
                new SQLException(
                        "The hostname db.example could not be verified by hostnameverifier PgjdbcHostnameVerifier.",
                        "08006"));
        assertEquals("connection.host", failure.field());
        assertTrue(failure.message().contains("verify-ca"), failure.message());
    }

    @Test
    void serverWithoutTlsUnderRequirePointsAtTheMode() {
        ConnectivityCheck.Failure failure =
                explain(ConnectionFields.SOURCE, new SQLException("The server does not support SSL.", "08004"));
        assertEquals("database.sslmode", failure.field());
        assertTrue(failure.message().contains("does not accept TLS"), failure.message());
    }

    @Test
    void unreadableKeyPointsAtTheKey() {
        SQLException e = new SQLException(
                "Could not read SSL key file /etc/pg/client.pk8.",
                "08006",
                new IOException("DerInputStream.getLength(): lengthTag=111, too big."));
        assertEquals("database.sslkey", explain(ConnectionFields.SOURCE, e).field());
    }

    @Test
    void wrongKeyPasswordPointsAtThePassword() {
        SQLException e = new SQLException(
                "Could not decrypt SSL key file /etc/pg/client.pk8.",
                "08006",
                new BadPaddingException("Given final block not properly padded"));
        ConnectivityCheck.Failure failure = explain(ConnectionFields.TARGET, e);
        assertEquals("connection.sslpassword", failure.field());
        assertTrue(!failure.message().contains("pw)") && !failure.message().contains("=pw"), failure.message());
    }

    @Test
    void tlsOnlyServerUnderDisablePointsAtTheMode() {
        PgEndpoint plain = ENDPOINT.withTls(new TlsSettings("disable", null, null, null, null, null));
        SQLException e = new SQLException(
                "FATAL: no pg_hba.conf entry for host \"127.0.0.1\", user \"migrator\", database \"app\", no encryption",
                "28000");
        assertEquals(
                "database.sslmode",
                ConnectivityCheck.explain(plain, ConnectionFields.SOURCE, e).field());
    }

    @Test
    void otherFailuresAreLeftToTheLoginCheck() {
        assertEquals(
                "database.password",
                explain(ConnectionFields.SOURCE, new SQLException("password authentication failed", "28P01"))
                        .field());
    }

    private static ConnectivityCheck.Failure explain(ConnectionFields fields, SQLException e) {
        return ConnectivityCheck.explain(ENDPOINT, fields, e);
    }
}
