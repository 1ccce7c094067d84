package io.pg2polar.it.kit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.servers.TempDirectory;
import io.pg2polar.servers.connect.ConnectRestClient;
import io.pg2polar.servers.connect.ConnectWorker;
import io.pg2polar.servers.connect.PluginDirectory;
import io.pg2polar.servers.kafka.KafkaBroker;
import io.pg2polar.servers.postgres.PostgresServer;
import io.pg2polar.servers.postgres.PostgresServers;

/**
 * JUnit 5 extension giving a test class the real servers a migration runs on: a source PostgreSQL
 * ({@code wal_level=logical}), a target PostgreSQL, a KRaft broker and one Connect worker that loads our
 * plugins from their packaged archives. Started once per class and shared; tests isolate themselves by
 * database and connector names. The worker's environment carries the {@code PG2POLAR_*} variables that
 * {@code connect-configs/} refers to, pointing at {@link #DEFAULT_SOURCE_DB} and {@link #DEFAULT_TARGET_DB}.
 *
 * <pre>{@code @RegisterExtension static final MigrationEnvironment env = new MigrationEnvironment();}</pre>
 */
public final class MigrationEnvironment implements BeforeAllCallback, AfterAllCallback {

    public static final String DEFAULT_SOURCE_DB = "app_source";
    public static final String DEFAULT_TARGET_DB = "app_target";

    private static final Logger LOG = LoggerFactory.getLogger(MigrationEnvironment.class);

    private final Map<String, String> workerOverrides = new HashMap<>();
    private PostgresServer source;
    private PostgresServer target;
    private KafkaBroker broker;
    private ConnectWorker worker;

    /** Sets a worker property for this class's worker, e.g. a shorter offset flush interval. */
    public MigrationEnvironment withWorkerProperty(String key, String value) {
        workerOverrides.put(key, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        long started = System.nanoTime();
        CompletableFuture<PostgresServer> sourceStart = CompletableFuture.supplyAsync(() -> PostgresServers.start(PostgresServers.Role.SOURCE));
        CompletableFuture<PostgresServer> targetStart = CompletableFuture.supplyAsync(() -> PostgresServers.start(PostgresServers.Role.TARGET));
        broker = KafkaBroker.start();
        source = sourceStart.join();
        target = targetStart.join();
        String className = context.getRequiredTestClass().getSimpleName();
        Path workDir = Files.createTempDirectory(TempDirectory.ensure(), "connect-" + className + '-');
        Path pluginPath = PluginDirectory.installFromBuild(workDir.resolve("plugins"));
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("group.id", "pg2polar-it-" + className);
        overrides.put("offset.flush.interval.ms", "1000");
        // a killed worker's tasks move to its replacement at once instead of after the default 5 minutes,
        // and the group stops waiting for the dead member after 10 s instead of 60
        overrides.put("scheduled.rebalance.max.delay.ms", "0");
        overrides.put("rebalance.timeout.ms", "10000");
        overrides.put("session.timeout.ms", "6000");
        overrides.put("heartbeat.interval.ms", "2000");
        // loading plugins only through their ServiceLoader manifests makes a missing manifest fail
        overrides.put("plugin.discovery", "service_load");
        overrides.putAll(workerOverrides);
        worker = ConnectWorker.start(broker.bootstrapServers(), pluginPath, workDir.resolve("worker"), workerEnvironment(), overrides);
        LOG.info("Servers for {} up in {} ms: source {}, target {}, broker {}, worker {} (log {})", className,
                (System.nanoTime() - started) / 1_000_000, source.describe(), target.describe(), broker.bootstrapServers(),
                worker.restUrl(), worker.logFile());
    }

    private Map<String, String> workerEnvironment() {
        Map<String, String> env = new HashMap<>();
        putEndpoint(env, "SOURCE", source.superuser(DEFAULT_SOURCE_DB));
        putEndpoint(env, "TARGET", target.superuser(DEFAULT_TARGET_DB));
        return env;
    }

    private static void putEndpoint(Map<String, String> env, String role, PgEndpoint endpoint) {
        env.put("PG2POLAR_" + role + "_HOST", endpoint.host());
        env.put("PG2POLAR_" + role + "_PORT", Integer.toString(endpoint.port()));
        env.put("PG2POLAR_" + role + "_DB", endpoint.database());
        env.put("PG2POLAR_" + role + "_USER", endpoint.user());
        env.put("PG2POLAR_" + role + "_PASSWORD", endpoint.password() == null ? "" : endpoint.password());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeAll(worker, broker, source, target);
    }

    private static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            }
            catch (Exception e) {
                LOG.warn("Closing {} failed", resource, e);
            }
        }
    }

    public PostgresServer source() {
        return source;
    }

    public PostgresServer target() {
        return target;
    }

    public KafkaBroker broker() {
        return broker;
    }

    public ConnectWorker worker() {
        return worker;
    }

    public ConnectRestClient rest() {
        return worker.rest();
    }
}
