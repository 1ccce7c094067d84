package io.pg2polar.controlplane.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.pg2polar.common.jdbc.PgEndpoint;

/**
 * The one read-only session verification holds on one side, set up so that the same data prints as the same text on
 * every server version, and so that its load stays bounded: each statement is limited by {@code statement_timeout}
 * and runs without parallel workers.
 */
final class SideConnection implements AutoCloseable {

    static final String APPLICATION_NAME = "pg2polar-verify";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    // a statement ends at statement_timeout; the socket waits a little longer for the server's cancellation to arrive
    private static final Duration SOCKET_MARGIN = Duration.ofSeconds(30);

    /** Reads one result row. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final Side side;
    private final PgEndpoint endpoint;
    private final Duration statementTimeout;
    private Connection connection;

    private SideConnection(Side side, PgEndpoint endpoint, Duration statementTimeout) {
        this.side = side;
        this.endpoint = endpoint;
        this.statementTimeout = statementTimeout;
    }

    /** Connects and applies the session settings. */
    static SideConnection open(Side side, PgEndpoint endpoint, Duration statementTimeout) throws SQLException {
        SideConnection opened = new SideConnection(side, endpoint, statementTimeout);
        opened.connect();
        return opened;
    }

    Side side() {
        return side;
    }

    PgEndpoint endpoint() {
        return endpoint;
    }

    /** Reconnects when the session was lost, e.g. after a server restart between two tables. */
    void ensureOpen() throws SQLException {
        if (!connection.isValid((int) CONNECT_TIMEOUT.toSeconds())) {
            closeQuietly();
            connect();
        }
    }

    /** Runs a query and reads every row. */
    <T> List<T> query(SqlQuery query, RowReader<T> reader) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
            bind(statement, query.params());
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        }
    }

    /** Runs a query returning one row. */
    <T> T queryOne(SqlQuery query, RowReader<T> reader) throws SQLException {
        List<T> rows = query(query, reader);
        if (rows.size() != 1) {
            throw new SQLException("Expected one row from " + query.sql() + " but got " + rows.size());
        }
        return rows.get(0);
    }

    private void connect() throws SQLException {
        Duration socketTimeout = statementTimeout.isZero() ? Duration.ZERO : statementTimeout.plus(SOCKET_MARGIN);
        connection = endpoint.connect(APPLICATION_NAME, CONNECT_TIMEOUT, socketTimeout);
        try (Statement statement = connection.createStatement()) {
            for (String setting : sessionSettings(statementTimeout)) {
                statement.execute(setting);
            }
        } catch (SQLException e) {
            closeQuietly();
            throw e;
        }
    }

    /** The settings every verification session runs with. */
    static List<String> sessionSettings(Duration statementTimeout) {
        return List.of(
                // the same value prints the same on every server: UTC, round-trip floats, ISO dates, hex bytea
                "SET TimeZone = 'UTC'",
                "SET extra_float_digits = 3",
                "SET DateStyle = 'ISO, YMD'",
                "SET IntervalStyle = 'postgres'",
                "SET bytea_output = 'hex'",
                // format_type then qualifies every type outside pg_catalog, and no user function can shadow ours
                "SET search_path = pg_catalog",
                // verification only reads: a mistake here cannot write to a customer's database
                "SET default_transaction_read_only = on",
                "SET statement_timeout = " + statementTimeout.toMillis(),
                // one core per side at most
                "SET max_parallel_workers_per_gather = 0");
    }

    private void bind(PreparedStatement statement, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object param = params.get(i);
            if (param instanceof String[] texts) {
                statement.setArray(i + 1, connection.createArrayOf("text", texts));
            } else if (param instanceof Long number) {
                statement.setLong(i + 1, number);
            } else if (param instanceof Integer number) {
                statement.setInt(i + 1, number);
            } else {
                statement.setString(i + 1, (String) param);
            }
        }
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the session is being replaced or the run is over
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
