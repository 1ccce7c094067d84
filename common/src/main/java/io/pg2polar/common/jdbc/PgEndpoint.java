package io.pg2polar.common.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and as whom to connect to one PostgreSQL-compatible database, and how the session uses TLS. The password
 * and the TLS key's password never appear in {@link #toString()} or in {@link #jdbcUrl()}.
 */
public record PgEndpoint(String host, int port, String database, String user, String password, TlsSettings tls) {

    public PgEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        tls = tls == null ? TlsSettings.DRIVER_DEFAULTS : tls;
    }

    /** An endpoint with pgjdbc's TLS defaults. */
    public PgEndpoint(String host, int port, String database, String user, String password) {
        this(host, port, database, user, password, TlsSettings.DRIVER_DEFAULTS);
    }

    /**
     * A JDBC URL naming this endpoint's server and database, without credentials, for messages and for tools that take
     * a URL. {@link #connect} never uses it: it hands host, port and database to the driver as properties.
     */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ':' + port + '/' + encode(database);
    }

    /** The same server and account, another database. */
    public PgEndpoint withDatabase(String otherDatabase) {
        return new PgEndpoint(host, port, otherDatabase, user, password, tls);
    }

    /** The same server, database and account, with these TLS settings. */
    public PgEndpoint withTls(TlsSettings otherTls) {
        return new PgEndpoint(host, port, database, user, password, otherTls);
    }

    /**
     * Opens a connection with the given timeouts for connecting and for each socket read.
     *
     * @param applicationName shown in {@code pg_stat_activity}, so operators can tell our sessions apart
     */
    public Connection connect(String applicationName, Duration connectTimeout, Duration socketTimeout)
            throws SQLException {
        return connect(applicationName, connectTimeout, socketTimeout, new Properties());
    }

    /**
     * Opens a connection as {@link #connect(String, Duration, Duration)} does, with further pgjdbc properties (e.g.
     * {@code replication=database} for a replication-protocol session).
     */
    public Connection connect(String applicationName, Duration connectTimeout, Duration socketTimeout, Properties extra)
            throws SQLException {
        Properties props = new Properties();
        props.putAll(extra);
        tls.applyTo(props);
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        props.setProperty("loginTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        props.setProperty("socketTimeout", Long.toString(socketTimeout.toSeconds()));
        props.setProperty("tcpKeepAlive", "true");
        return PgConnections.open(host, port, database, props);
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
        return java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
