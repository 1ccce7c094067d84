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
    public enum Culprit { HOST, USER, PASSWORD, DATABASE, OTHER }

    /** A failed login: what is wrong and how to fix it. */
    public record Failure(Culprit culprit, String message) {
    }

    private ConnectivityCheck() {
    }

    /**
     * Logs in and runs {@code SELECT 1}.
     *
     * @param role words for messages, e.g. "source" or "target"
     * @return empty when the login works
     */
    public static Optional<Failure> probe(PgEndpoint endpoint, String role, Duration timeout) {
        try (Connection connection = endpoint.connect("pg2polar-validate", timeout, timeout)) {
            connection.createStatement().execute("SELECT 1");
            return Optional.empty();
        }
        catch (SQLException e) {
            return Optional.of(explain(endpoint, role, e));
        }
    }

    static Failure explain(PgEndpoint endpoint, String role, SQLException e) {
        String state = e.getSQLState();
        String detail = e.getMessage();
        if (SqlStates.INVALID_PASSWORD.equals(state)) {
            return new Failure(Culprit.PASSWORD, "The " + role + " database rejected the password of user '" + endpoint.user()
                    + "' (" + detail + "). Fix the " + role + " password setting.");
        }
        if (SqlStates.INVALID_AUTHORIZATION.equals(state)) {
            return new Failure(Culprit.USER, "The " + role + " database refused user '" + endpoint.user() + "' (" + detail
                    + "). Check the user name and that pg_hba.conf admits this host for database '" + endpoint.database() + "'.");
        }
        if (SqlStates.INVALID_CATALOG_NAME.equals(state)) {
            return new Failure(Culprit.DATABASE, "The " + role + " server has no database '" + endpoint.database()
                    + "'. Create it or fix the " + role + " database name.");
        }
        if (state != null && state.startsWith("08") || state == null) {
            return new Failure(Culprit.HOST, "Cannot reach the " + role + " database at " + endpoint.host() + ':' + endpoint.port()
                    + " (" + detail + "). Check the " + role + " host and port and that the server accepts TCP connections from the Connect worker.");
        }
        return new Failure(Culprit.OTHER, "Cannot log in to the " + role + " database " + endpoint.describe() + ": " + detail);
    }
}
