package io.pg2polar.common.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and as whom to connect to one PostgreSQL-compatible database. The password never appears in
 * {@link #toString()} or in {@link #jdbcUrl()}.
 */
public record PgEndpoint(String host, int port, String database, String user, String password) {

    public PgEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
    }

    /** The JDBC URL, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ':' + port + '/' + encode(database);
    }

    /** The same server and account, another database. */
    public PgEndpoint withDatabase(String otherDatabase) {
        return new PgEndpoint(host, port, otherDatabase, user, password);
    }

    /**
     * Opens a connection with the given timeouts for connecting and for each socket read.
     *
     * @param applicationName shown in {@code pg_stat_activity}, so operators can tell our sessions apart
     */
    public Connection connect(String applicationName, Duration connectTimeout, Duration socketTimeout) throws SQLException {
        return connect(applicationName, connectTimeout, socketTimeout, new Properties());
    }

    /**
     * Opens a connection as {@link #connect(String, Duration, Duration)} does, with further pgjdbc properties (e.g.
     * {@code replication=database} for a replication-protocol session).
     */
    public Connection connect(String applicationName, Duration connectTimeout, Duration socketTimeout, Properties extra) throws SQLException {
        Properties props = new Properties();
        props.putAll(extra);
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        props.setProperty("loginTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        props.setProperty("socketTimeout", Long.toString(socketTimeout.toSeconds()));
        props.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    /** Where this endpoint points, for messages: {@code user@host:port/database}. */
    public String describe() {
        return user + '@' + host + ':' + port + '/' + database;
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String encode(String database) {
        return java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
