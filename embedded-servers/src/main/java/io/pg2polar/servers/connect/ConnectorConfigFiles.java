package io.pg2polar.servers.connect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pg2polar.common.jdbc.ConnectionFields;
import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.jdbc.TlsSettings;

/**
 * Reads the connector files users get in {@code connect-configs/} ({@code source.json}, {@code sink.json}), so
 * tests and the quickstart register exactly what ships.
 */
public final class ConnectorConfigFiles {

    /** System property naming the connect-configs directory; defaults to {@code ../connect-configs}. */
    public static final String DIRECTORY_PROPERTY = "pg2polar.connect.configs";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectorConfigFiles() {}

    /** A connector as {@code POST /connectors} takes it. */
    public record Definition(String name, Map<String, String> config) {

        /** The same definition under another name, with some settings replaced. */
        public Definition renamed(String newName, Map<String, String> changes) {
            Map<String, String> changed = new LinkedHashMap<>(config);
            changed.putAll(changes);
            return new Definition(newName, changed);
        }
    }

    public static Definition source() {
        return read("source.json");
    }

    public static Definition sink() {
        return read("sink.json");
    }

    /**
     * The worker environment the shipped files refer to ({@code ${env:PG2POLAR_SOURCE_HOST}} and the rest): host,
     * port, database, user and password of the source and the target.
     */
    public static Map<String, String> environment(PgEndpoint source, PgEndpoint target) {
        Map<String, String> env = new HashMap<>();
        putEndpoint(env, "SOURCE", source);
        putEndpoint(env, "TARGET", target);
        return env;
    }

    private static void putEndpoint(Map<String, String> env, String role, PgEndpoint endpoint) {
        env.put("PG2POLAR_" + role + "_HOST", endpoint.host());
        env.put("PG2POLAR_" + role + "_PORT", Integer.toString(endpoint.port()));
        env.put("PG2POLAR_" + role + "_DB", endpoint.database());
        env.put("PG2POLAR_" + role + "_USER", endpoint.user());
        env.put("PG2POLAR_" + role + "_PASSWORD", endpoint.password() == null ? "" : endpoint.password());
        if (endpoint.tls().keyPassword() != null) {
            env.put(keyPasswordVariable(role), endpoint.tls().keyPassword());
        }
    }

    /**
     * The definition with the endpoint's TLS settings on the keys of {@code fields}; the key password as a
     * {@code ${env:PG2POLAR_<ROLE>_SSLPASSWORD}} placeholder, which {@link #environment} sets, so it is not stored in
     * the connector's configuration.
     */
    public static Definition withTls(Definition definition, ConnectionFields fields, PgEndpoint endpoint) {
        TlsSettings tls = endpoint.tls();
        Map<String, String> settings = new LinkedHashMap<>();
        putIfSet(settings, fields.tls(TlsSettings.MODE), tls.mode());
        putIfSet(settings, fields.tls(TlsSettings.ROOT_CERT), tls.rootCert());
        putIfSet(settings, fields.tls(TlsSettings.CERT), tls.cert());
        putIfSet(settings, fields.tls(TlsSettings.KEY), tls.key());
        if (tls.keyPassword() != null) {
            settings.put(
                    fields.tls(TlsSettings.KEY_PASSWORD),
                    "${env:" + keyPasswordVariable(fields.role().toUpperCase(java.util.Locale.ROOT)) + "}");
        }
        return definition.renamed(definition.name(), settings);
    }

    private static String keyPasswordVariable(String role) {
        return "PG2POLAR_" + role + "_SSLPASSWORD";
    }

    private static void putIfSet(Map<String, String> settings, String key, String value) {
        if (value != null) {
            settings.put(key, value);
        }
    }

    /** Reads one file of the connect-configs directory. */
    public static Definition read(String file) {
        Path path = Path.of(System.getProperty(DIRECTORY_PROPERTY, "../connect-configs"), file);
        try {
            JsonNode root = JSON.readTree(path.toFile());
            Map<String, String> config = new LinkedHashMap<>();
            root.get("config")
                    .fields()
                    .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            return new Definition(root.get("name").asText(), config);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path.toAbsolutePath(), e);
        }
    }
}
