package io.pg2polar.servers.postgres;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the source or target server the way the run asks for, through system properties:
 * <ul>
 * <li>{@code pg2polar.postgres} = {@code embedded} (default) | {@code docker} | {@code external};</li>
 * <li>{@code pg2polar.postgres.source.version} / {@code .target.version}: major or zonky version (defaults
 * 17 and 14, PolarDB-O 2.0's base);</li>
 * <li>{@code pg2polar.postgres.source.url} / {@code .target.url}: superuser JDBC URLs for {@code external}.</li>
 * </ul>
 * Sources get {@code wal_level=logical}; an unknown mode is an error, never a silent skip.
 */
public final class PostgresServers {

    /** Which end of the migration a server plays. */
    public enum Role {
        SOURCE("17"),
        TARGET("14");

        private final String defaultVersion;

        Role(String defaultVersion) {
            this.defaultVersion = defaultVersion;
        }

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private PostgresServers() {}

    public static PostgresServer start(Role role) {
        String mode = System.getProperty("pg2polar.postgres", "embedded");
        String version = System.getProperty("pg2polar.postgres." + role.key() + ".version", role.defaultVersion);
        return switch (mode) {
            case "embedded" -> EmbeddedPostgresServer.start(version, settings());
            case "docker" -> ContainerPostgresServer.start(version, settings());
            case "external" ->
                ExternalPostgresServer.fromUrl(requiredProperty("pg2polar.postgres." + role.key() + ".url"));
            default ->
                throw new IllegalArgumentException(
                        "pg2polar.postgres=" + mode + " is not one of embedded, docker, external");
        };
    }

    /**
     * A server of the role that admits only TLS sessions over TCP ({@link ServerTls}). Only embedded servers can be
     * given a certificate from here: another {@code pg2polar.postgres} mode is an error, not a skip.
     */
    public static PostgresServer startWithTls(Role role, ServerTls tls) {
        String mode = System.getProperty("pg2polar.postgres", "embedded");
        if (!"embedded".equals(mode)) {
            throw new IllegalStateException(
                    "TLS test servers are embedded servers started with a certificate of the run's own CA;"
                            + " pg2polar.postgres=" + mode
                            + " cannot provide them. Run the TLS tests with -Dpg2polar.postgres=embedded (the default).");
        }
        return EmbeddedPostgresServer.start(
                System.getProperty("pg2polar.postgres." + role.key() + ".version", role.defaultVersion),
                settings(),
                tls);
    }

    /** Settings for every server we start: logical decoding on, room for several migrations at once. */
    static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("wal_level", "logical");
        settings.put("max_replication_slots", "20");
        settings.put("max_wal_senders", "20");
        settings.put("max_connections", "200");
        return settings;
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("pg2polar.postgres=external needs -D" + name
                    + "=jdbc:postgresql://host:port/postgres?user=...&password=...");
        }
        return value;
    }
}
