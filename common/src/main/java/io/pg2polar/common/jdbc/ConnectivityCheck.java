package io.pg2polar.common.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Tries to log in to an endpoint and, when that fails, says why in words a user can act on: which setting is
 * wrong and what to change. Used by both connectors' {@code validate()} so Connect shows the problem on the
 * right field before anything starts.
 */
public final class ConnectivityCheck {

    /** Which part of the endpoint the problem concerns, so the message lands on the right config field. */
    public enum Culprit {
        HOST,
        USER,
        PASSWORD,
        DATABASE,
        OTHER,
        TLS_MODE,
        TLS_ROOT_CERT,
        TLS_CERT,
        TLS_KEY,
        TLS_KEY_PASSWORD,
        TLS_FACTORY
    }

    /**
     * A failed login: what is wrong and how to fix it.
     *
     * @param field the configuration key the message belongs on
     */
    public record Failure(Culprit culprit, String field, String message) {}

    private ConnectivityCheck() {}

    /**
     * Logs in and runs {@code SELECT 1}.
     *
     * @param fields the side's configuration keys, which the messages name
     * @return empty when the login works
     */
    public static Optional<Failure> probe(PgEndpoint endpoint, ConnectionFields fields, Duration timeout) {
        try (Connection connection = endpoint.connect("pg2polar-validate", timeout, timeout)) {
            connection.createStatement().execute("SELECT 1");
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(explain(endpoint, fields, e));
        }
    }

    static Failure explain(PgEndpoint endpoint, ConnectionFields fields, SQLException e) {
        Optional<Failure> tlsFailure = TlsFailures.explain(endpoint, fields, e);
        if (tlsFailure.isPresent()) {
            return tlsFailure.get();
        }
        String role = fields.role();
        String state = e.getSQLState();
        String detail = e.getMessage();
        if (SqlStates.INVALID_PASSWORD.equals(state)) {
            return failure(
                    fields,
                    Culprit.PASSWORD,
                    "The " + role + " database rejected the password of user '" + endpoint.user() + "' (" + detail
                            + "). Fix the " + role + " password setting.");
        }
        if (SqlStates.INVALID_AUTHORIZATION.equals(state)) {
            return failure(
                    fields,
                    Culprit.USER,
                    "The " + role + " database refused user '" + endpoint.user() + "' (" + detail
                            + "). Check the user name and that pg_hba.conf admits this host for database '"
                            + endpoint.database() + "'.");
        }
        if (SqlStates.INVALID_CATALOG_NAME.equals(state)) {
            return failure(
                    fields,
                    Culprit.DATABASE,
                    "The " + role + " server has no database '" + endpoint.database() + "'. Create it or fix the "
                            + role + " database name.");
        }
        if (state != null && state.startsWith("08") || state == null) {
            return failure(
                    fields,
                    Culprit.HOST,
                    "Cannot reach the " + role + " database at " + endpoint.host() + ':' + endpoint.port() + " ("
                            + detail + "). Check the " + role
                            + " host and port and that the server accepts TCP connections from the Connect worker.");
        }
        return failure(
                fields,
                Culprit.OTHER,
                "Cannot log in to the " + role + " database " + endpoint.describe() + ": " + detail);
    }

    private static Failure failure(ConnectionFields fields, Culprit culprit, String message) {
        return new Failure(culprit, fields.of(culprit), message);
    }
}
