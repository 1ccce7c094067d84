package io.pg2polar.servers.postgres;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import io.pg2polar.common.jdbc.PgEndpoint;

/**
 * A PostgreSQL server someone else runs, given as {@code jdbc:postgresql://host:port/db?user=u&password=p} with
 * a superuser account. Tests create and drop their own databases on it; it is never stopped.
 */
public final class ExternalPostgresServer implements PostgresServer {

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final int majorVersion;

    private ExternalPostgresServer(String host, int port, String database, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.majorVersion = queryMajorVersion(database);
    }

    public static ExternalPostgresServer fromUrl(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("Expected jdbc:postgresql://host:port/db?user=...&password=..., got " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return new ExternalPostgresServer(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, databaseOf(jdbcUrl),
                query.getOrDefault("user", "postgres"), query.get("password"));
    }

    /** The database a {@code jdbc:postgresql://host:port/db?...} URL names; "postgres" when it names none. */
    public static String databaseOf(String jdbcUrl) {
        String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
        return path == null || path.length() <= 1 ? "postgres" : path.substring(1);
    }

    /** Asks the URL's own database: an account may be allowed no other, and a server need not have "postgres". */
    private int queryMajorVersion(String database) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW server_version_num")) {
            rs.next();
            return rs.getInt(1) / 10000;
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + host + ':' + port + '/' + database + " as " + user + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int majorVersion() {
        return majorVersion;
    }

    @Override
    public PgEndpoint superuser(String database) {
        return new PgEndpoint(host, port, database, user, password);
    }

    @Override
    public String describe() {
        return "external PostgreSQL " + majorVersion + " at " + host + ':' + port;
    }

    @Override
    public void restart() {
        throw new UnsupportedOperationException("The external server at " + host + ':' + port + " cannot be restarted from here");
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
