package io.pg2polar.servers.postgres;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.jdbc.TlsSettings;

/**
 * A PostgreSQL server someone else runs, given as {@code jdbc:postgresql://host:port/db?user=u&password=p} with
 * an account that may create what the run needs, and optionally libpq's TLS parameters ({@code sslmode},
 * {@code sslrootcert}, {@code sslcert}, {@code sslkey}, {@code sslpassword}). The URL is read here, never handed to
 * the driver, and any other parameter is refused. Tests create and drop their own databases on it; it is never
 * stopped.
 */
public final class ExternalPostgresServer implements PostgresServer {

    /** The URL parameters taken, in the order messages list them. */
    static final List<String> PARAMETERS = List.of(
            "user",
            "password",
            TlsSettings.MODE,
            TlsSettings.ROOT_CERT,
            TlsSettings.CERT,
            TlsSettings.KEY,
            TlsSettings.KEY_PASSWORD);

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final TlsSettings tls;
    private final int majorVersion;

    private ExternalPostgresServer(
            String host, int port, String database, String user, String password, TlsSettings tls) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.tls = tls;
        this.majorVersion = queryMajorVersion(database);
    }

    public static ExternalPostgresServer fromUrl(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(
                    "Expected jdbc:postgresql://host:port/db?user=...&password=..., got " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "No host name in " + uri.getRawAuthority() + ": give jdbc:postgresql://host:port/db?...");
        }
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (!PARAMETERS.contains(kv[0])) {
                    throw new IllegalArgumentException("The URL parameter '" + kv[0] + "' is not taken here: give only "
                            + String.join(", ", PARAMETERS));
                }
                query.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        String mode = query.get(TlsSettings.MODE);
        if (mode != null && !TlsSettings.MODES.contains(mode)) {
            throw new IllegalArgumentException(
                    "sslmode=" + mode + " is not one of " + String.join(", ", TlsSettings.MODES));
        }
        TlsSettings tls = new TlsSettings(
                mode,
                query.get(TlsSettings.ROOT_CERT),
                query.get(TlsSettings.CERT),
                query.get(TlsSettings.KEY),
                query.get(TlsSettings.KEY_PASSWORD),
                null);
        return new ExternalPostgresServer(
                uri.getHost(),
                uri.getPort() > 0 ? uri.getPort() : 5432,
                databaseOf(jdbcUrl),
                query.getOrDefault("user", "postgres"),
                query.get("password"),
                tls);
    }

    /** The database a {@code jdbc:postgresql://host:port/db?...} URL names; "postgres" when it names none. */
    public static String databaseOf(String jdbcUrl) {
        String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
        return path == null || path.length() <= 1 ? "postgres" : path.substring(1);
    }

    /** Asks the URL's own database: an account may be allowed no other, and a server need not have "postgres". */
    private int queryMajorVersion(String database) {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW server_version_num")) {
            rs.next();
            return rs.getInt(1) / 10000;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot connect to " + host + ':' + port + '/' + database + " as " + user + ": " + e.getMessage(),
                    e);
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
        return new PgEndpoint(host, port, database, user, password, tls);
    }

    @Override
    public String describe() {
        return "external PostgreSQL " + majorVersion + " at " + host + ':' + port;
    }

    @Override
    public void restart() {
        throw new UnsupportedOperationException(
                "The external server at " + host + ':' + port + " cannot be restarted from here");
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
