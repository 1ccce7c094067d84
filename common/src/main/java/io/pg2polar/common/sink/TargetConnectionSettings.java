package io.pg2polar.common.sink;

import java.util.Map;

import io.pg2polar.common.jdbc.ConnectionFields;
import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.jdbc.TlsSettings;

/**
 * How the sink reaches the target - its {@code connection.*} keys and {@code target.dialect}, and the endpoint they
 * make, with the dialect's port when none is set - for the sink's configuration and for the control plane, which
 * reads a sink connector's configuration as Connect stores it.
 */
public final class TargetConnectionSettings {

    public static final String HOST = ConnectionFields.TARGET.host();
    public static final String PORT = ConnectionFields.TARGET.port();
    public static final String DATABASE = ConnectionFields.TARGET.database();
    public static final String USER = ConnectionFields.TARGET.user();
    public static final String PASSWORD = ConnectionFields.TARGET.password();
    public static final String TIMEOUT_SECONDS = "connection.timeout.seconds";
    public static final String DIALECT = "target.dialect";

    private TargetConnectionSettings() {}

    /**
     * The endpoint from settings already parsed.
     *
     * @param port     null for the dialect's default
     * @param password null when none is set
     */
    public static PgEndpoint endpoint(
            String host,
            Integer port,
            String database,
            String user,
            String password,
            TargetDialectName dialect,
            TlsSettings tls) {
        return new PgEndpoint(host, port == null ? dialect.defaultPort() : port, database, user, password, tls);
    }

    /**
     * The endpoint from a sink connector's configuration as strings: a missing host, database or user is empty, a
     * missing or blank port the dialect's default, TLS as its {@code connection.ssl*} keys say.
     *
     * @throws NumberFormatException for a port that is no number
     */
    public static PgEndpoint endpoint(Map<String, String> sinkConfig) {
        String port = sinkConfig.get(PORT);
        return endpoint(
                sinkConfig.getOrDefault(HOST, ""),
                port == null || port.isBlank() ? null : Integer.valueOf(port.trim()),
                sinkConfig.getOrDefault(DATABASE, ""),
                sinkConfig.getOrDefault(USER, ""),
                sinkConfig.get(PASSWORD),
                dialect(sinkConfig),
                ConnectionFields.TARGET.tlsSettings(sinkConfig));
    }

    /** The dialect a sink connector's configuration names, PostgreSQL when it names none. */
    public static TargetDialectName dialect(Map<String, String> sinkConfig) {
        return TargetDialectName.of(sinkConfig.get(DIALECT));
    }
}
