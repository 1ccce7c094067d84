package io.pg2polar.common.jdbc;

import java.security.GeneralSecurityException;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

import io.pg2polar.common.jdbc.ConnectivityCheck.Culprit;
import io.pg2polar.common.jdbc.ConnectivityCheck.Failure;

/**
 * Recognises a login that failed over TLS and says which TLS setting to change and how: an unknown CA, a certificate
 * that does not name the host, a server without TLS under {@code require}, a TLS-only server under {@code disable},
 * a certificate or key file that cannot be read, a wrong key password, a client certificate the server wants.
 * pgjdbc's own messages are translated with the JVM's locale, so it goes by exception types, SQLSTATEs and the file
 * names the messages carry wherever it can.
 */
final class TlsFailures {

    /** pgjdbc's SQLSTATE for "The server does not support SSL." */
    private static final String CONNECTION_REJECTED = "08004";

    private TlsFailures() {}

    static Optional<Failure> explain(PgEndpoint endpoint, ConnectionFields fields, SQLException error) {
        SQLException e = new SQLException(withoutFinalPeriod(error.getMessage()), error.getSQLState(), error);
        TlsSettings tls = endpoint.tls();
        String role = fields.role();
        String text = chainText(e);
        if (has(e, CertPathBuilderException.class)
                || has(e, CertPathValidatorException.class)
                || text.contains("PKIX path")) {
            return failure(
                    fields,
                    Culprit.TLS_ROOT_CERT,
                    "The " + role + " server's TLS certificate is not signed by a CA in "
                            + fields.tls(TlsSettings.ROOT_CERT) + " ("
                            + orDefault(tls.rootCert(), "~/.postgresql/root.crt") + "): " + e.getMessage()
                            + ". Set " + fields.tls(TlsSettings.ROOT_CERT)
                            + " to a PEM file holding the certificate of the CA that signed the"
                            + " server's certificate (a managed database's provider publishes it).");
        }
        if (tls.rootCert() != null && text.contains(tls.rootCert())
                || tls.rootCert() == null && tls.verifiesServer() && text.contains("root.crt")) {
            return failure(
                    fields,
                    Culprit.TLS_ROOT_CERT,
                    "Cannot read the CA certificate file " + orDefault(tls.rootCert(), "~/.postgresql/root.crt")
                            + " that " + fields.tls(TlsSettings.MODE) + "=" + tls.mode() + " checks the " + role
                            + " server against: " + e.getMessage()
                            + ". Set " + fields.tls(TlsSettings.ROOT_CERT)
                            + " to a PEM file the Connect worker can read on every worker machine.");
        }
        if (text.contains("HostnameVerifier")) {
            return failure(
                    fields,
                    Culprit.HOST,
                    "The " + role + " server's TLS certificate does not name the host '" + endpoint.host()
                            + "' (" + e.getMessage() + "). Set " + fields.host()
                            + " to a name the certificate lists (its subject alternative names),"
                            + " or " + fields.tls(TlsSettings.MODE)
                            + "=verify-ca to check the CA without the host name.");
        }
        if (tls.key() != null && text.contains(tls.key())) {
            if (has(e, UnrecoverableKeyException.class) || has(e, GeneralSecurityException.class)) {
                return failure(
                        fields,
                        Culprit.TLS_KEY_PASSWORD,
                        "Cannot decrypt the client key " + tls.key() + " for the " + role + " with "
                                + fields.tls(TlsSettings.KEY_PASSWORD) + (tls.keyPassword() == null ? " (not set)" : "")
                                + ": " + e.getMessage()
                                + ". Set " + fields.tls(TlsSettings.KEY_PASSWORD) + " to the key's password.");
            }
            return failure(
                    fields,
                    Culprit.TLS_KEY,
                    "Cannot read the client key " + tls.key() + " for the " + role + ": " + e.getMessage()
                            + ". Set " + fields.tls(TlsSettings.KEY)
                            + " to a private key file the Connect worker can read: PKCS-8 DER (.pk8,"
                            + " optionally encrypted with " + fields.tls(TlsSettings.KEY_PASSWORD)
                            + "), PKCS-12 (.p12) or PEM (.pem).");
        }
        if (tls.cert() != null && text.contains(tls.cert())) {
            return failure(
                    fields,
                    Culprit.TLS_CERT,
                    "Cannot read the client certificate " + tls.cert() + " for the " + role + ": " + e.getMessage()
                            + ". Set " + fields.tls(TlsSettings.CERT)
                            + " to a PEM or DER certificate file the Connect worker can read.");
        }
        if (tls.factory() != null && text.contains(tls.factory())) {
            return failure(
                    fields,
                    Culprit.TLS_FACTORY,
                    "Cannot use " + fields.tls(TlsSettings.FACTORY) + " = " + tls.factory() + ": " + e.getMessage()
                            + ". Remove it to use pgjdbc's default, which follows " + fields.tls(TlsSettings.MODE)
                            + ".");
        }
        if (CONNECTION_REJECTED.equals(e.getSQLState()) && requiresTls(tls)) {
            return failure(
                    fields,
                    Culprit.TLS_MODE,
                    "The " + role + " server at " + endpoint.host() + ':' + endpoint.port()
                            + " does not accept TLS, and " + fields.tls(TlsSettings.MODE) + "=" + tls.mode()
                            + " requires it (" + e.getMessage()
                            + "). Turn on ssl on the server, or set " + fields.tls(TlsSettings.MODE)
                            + "=prefer to send passwords and rows in clear"
                            + " text over a network you trust.");
        }
        if (SqlStates.INVALID_AUTHORIZATION.equals(e.getSQLState())
                && text.toLowerCase(Locale.ROOT).contains("no encryption")) {
            return failure(
                    fields,
                    Culprit.TLS_MODE,
                    "The " + role + " server accepts only TLS sessions from the Connect worker (" + e.getMessage()
                            + "). Set " + fields.tls(TlsSettings.MODE) + "=verify-full (with "
                            + fields.tls(TlsSettings.ROOT_CERT) + ") or at least"
                            + " require.");
        }
        if (SqlStates.INVALID_AUTHORIZATION.equals(e.getSQLState()) && text.contains("certificate")) {
            return failure(
                    fields,
                    Culprit.TLS_CERT,
                    "The " + role + " server wants a client certificate for user '" + endpoint.user() + "' ("
                            + e.getMessage() + "). Set " + fields.tls(TlsSettings.CERT) + " and "
                            + fields.tls(TlsSettings.KEY) + " to a certificate"
                            + " signed by the CA the server trusts, whose common name is the user name, and its key.");
        }
        return Optional.empty();
    }

    /** pgjdbc's messages end with a period, and ours go on after them. */
    private static String withoutFinalPeriod(String message) {
        return message != null && message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    private static boolean requiresTls(TlsSettings tls) {
        return "require".equals(tls.mode()) || tls.verifiesServer();
    }

    private static Optional<Failure> failure(ConnectionFields fields, Culprit culprit, String message) {
        return Optional.of(new Failure(culprit, fields.of(culprit), message));
    }

    private static boolean has(Throwable error, Class<? extends Throwable> kind) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The messages of the exception and its causes, where pgjdbc and the JDK put file names and verifier names. */
    private static String chainText(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
