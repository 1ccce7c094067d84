package io.pg2polar.servers.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.sql.Identifiers;

/**
 * A real PostgreSQL server for tests, benchmarks and the quickstart, reached over TCP with a superuser
 * account. Implementations: embedded binaries (default), a Testcontainers container, or an external server.
 */
public interface PostgresServer extends AutoCloseable {

    /** Host and port the server accepts connections on; loopback for embedded servers. */
    String host();

    int port();

    /** The server's major version, e.g. 17. */
    int majorVersion();

    /** The superuser account's endpoint for one database. */
    PgEndpoint superuser(String database);

    /** Where the server comes from, for logs: "embedded PostgreSQL 17.11 on 127.0.0.1:5433". */
    String describe();

    /**
     * Stops the server and starts it again with the same data on the same port, as a database restart in
     * production would.
     *
     * @throws UnsupportedOperationException for servers this process does not control
     */
    void restart();

    /** How a server is stopped: {@code pg_ctl stop -m fast}, or {@code -m immediate} (a crash, as far as the data goes). */
    enum ShutdownMode {
        FAST,
        IMMEDIATE
    }

    /**
     * Stops the server, keeping its data and port, until {@link #startAgain()}.
     *
     * @throws UnsupportedOperationException for servers this process does not control
     */
    default void stop(ShutdownMode mode) {
        throw new UnsupportedOperationException(describe() + " cannot be stopped by the tests");
    }

    /**
     * Starts the server {@link #stop(ShutdownMode) stopped} before.
     *
     * @throws UnsupportedOperationException for servers this process does not control
     */
    default void startAgain() {
        throw new UnsupportedOperationException(describe() + " cannot be started by the tests");
    }

    /** Stops the server (and deletes its data when this process created it). */
    @Override
    void close();

    /** A superuser connection to one database, auto-commit on. */
    default Connection connect(String database) throws SQLException {
        return superuser(database)
                .connect("pg2polar-test", java.time.Duration.ofSeconds(10), java.time.Duration.ofMinutes(10));
    }

    /** Creates a database; a database of that name left over from an earlier run is dropped first. */
    default void createDatabase(String name) {
        dropDatabase(name);
        execute("postgres", "CREATE DATABASE " + Identifiers.quote(name));
    }

    /** Drops a database if it exists, ending its sessions. */
    default void dropDatabase(String name) {
        execute("postgres", "DROP DATABASE IF EXISTS " + Identifiers.quote(name) + " WITH (FORCE)");
    }

    /** Runs one statement as superuser in the given database. */
    default void execute(String database, String sql) {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Failed on " + describe() + " in database " + database + ": " + sql + ": " + e.getMessage(), e);
        }
    }
}
