package io.pg2polar.it.kit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.servers.TempDirectory;
import io.pg2polar.servers.connect.ConnectWorker;
import io.pg2polar.servers.connect.ConnectorConfigFiles;
import io.pg2polar.servers.connect.PluginDirectory;
import io.pg2polar.servers.kafka.KafkaBroker;
import io.pg2polar.servers.postgres.PostgresServer;
import io.pg2polar.servers.postgres.PostgresServers;

/**
 * The real servers a migration runs on: a source PostgreSQL ({@code wal_level=logical}), a target PostgreSQL, a
 * KRaft broker and one Connect worker that loads our plugins from their packaged archives. The worker's
 * environment carries the {@code PG2POLAR_*} variables that {@code connect-configs/} refers to, pointing at
 * {@link MigrationEnvironment#DEFAULT_SOURCE_DB} and {@link MigrationEnvironment#DEFAULT_TARGET_DB}.
 */
record MigrationServers(
        PostgresServer source,
        PostgresServer target,
        KafkaBroker broker,
        ConnectWorker worker,
        Path pluginPath,
        Map<String, String> workerOverrides)
        implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationServers.class);

    /**
     * @param owner names the worker's group and directory: a test class, or "shared"
     * @param workerSettings worker properties, or {@code pg2polar.worker.max.heap} and the like, replacing ours
     */
    static MigrationServers start(String owner, Map<String, String> workerSettings) throws Exception {
        long started = System.nanoTime();
        CompletableFuture<PostgresServer> sourceStart =
                CompletableFuture.supplyAsync(() -> PostgresServers.start(PostgresServers.Role.SOURCE));
        CompletableFuture<PostgresServer> targetStart =
                CompletableFuture.supplyAsync(() -> PostgresServers.start(PostgresServers.Role.TARGET));
        KafkaBroker broker = KafkaBroker.start();
        PostgresServer source = sourceStart.join();
        PostgresServer target = targetStart.join();
        Path workDir = Files.createTempDirectory(TempDirectory.ensure(), "connect-" + owner + '-');
        Path pluginPath = PluginDirectory.installFromBuild(workDir.resolve("plugins"));
        PluginDirectory.installFileSink(pluginPath);
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("group.id", "pg2polar-it-" + owner);
        overrides.put("offset.flush.interval.ms", "1000");
        // a killed worker's tasks move to its replacement at once instead of after the default 5 minutes,
        // and the group stops waiting for the dead member after 10 s instead of 60
        overrides.put("scheduled.rebalance.max.delay.ms", "0");
        overrides.put("rebalance.timeout.ms", "10000");
        overrides.put("session.timeout.ms", "6000");
        overrides.put("heartbeat.interval.ms", "2000");
        // loading plugins only through their ServiceLoader manifests makes a missing manifest fail
        overrides.put("plugin.discovery", "service_load");
        overrides.putAll(workerSettings);
        ConnectWorker worker = startWorker(source, target, broker, pluginPath, workDir.resolve("worker"), overrides);
        LOG.info(
                "Servers for {} up in {} ms: source {}, target {}, broker {}, worker {} (log {})",
                owner,
                (System.nanoTime() - started) / 1_000_000,
                source.describe(),
                target.describe(),
                broker.bootstrapServers(),
                worker.restUrl(),
                worker.logFile());
        return new MigrationServers(source, target, broker, worker, pluginPath, Map.copyOf(overrides));
    }

    /** Another worker in the same Connect group, with the same plugins and settings, in a directory of its own. */
    ConnectWorker startAnotherWorker() throws Exception {
        Path workDir = Files.createTempDirectory(worker.logFile().getParent().getParent(), "worker-");
        ConnectWorker another = startWorker(source, target, broker, pluginPath, workDir, workerOverrides);
        LOG.info(
                "Another worker in group {}: {} (log {})",
                workerOverrides.get("group.id"),
                another.restUrl(),
                another.logFile());
        return another;
    }

    /**
     * A worker of {@code owner}'s own on these servers: its own group and internal topics, so its connectors and
     * settings (e.g. a REST security extension) touch neither the shared worker nor its connectors.
     */
    ConnectWorker startOwnWorker(String owner, Map<String, String> settings) throws Exception {
        Path workDir = Files.createTempDirectory(TempDirectory.ensure(), "connect-" + owner + '-');
        Map<String, String> overrides = new LinkedHashMap<>(workerOverrides);
        String group = "pg2polar-it-" + owner;
        overrides.put("group.id", group);
        overrides.put("config.storage.topic", group + "-configs");
        overrides.put("offset.storage.topic", group + "-offsets");
        overrides.put("status.storage.topic", group + "-status");
        overrides.putAll(settings);
        ConnectWorker own = startWorker(source, target, broker, pluginPath, workDir.resolve("worker"), overrides);
        LOG.info("A worker of {}'s own: {} (log {})", owner, own.restUrl(), own.logFile());
        return own;
    }

    private static ConnectWorker startWorker(
            PostgresServer source,
            PostgresServer target,
            KafkaBroker broker,
            Path pluginPath,
            Path workDir,
            Map<String, String> overrides) {
        return ConnectWorker.start(
                broker.bootstrapServers(),
                pluginPath,
                workDir,
                ConnectorConfigFiles.environment(
                        source.superuser(MigrationEnvironment.DEFAULT_SOURCE_DB),
                        target.superuser(MigrationEnvironment.DEFAULT_TARGET_DB)),
                overrides);
    }

    /**
     * What a test class leaves behind and could disturb the next one: its connectors (they would keep running on
     * the shared worker) and its replication slots (they would hold WAL and count against max_replication_slots).
     */
    void removeMigrations() {
        removeMigrations(worker);
    }

    /** {@link #removeMigrations()} of another worker's connectors. */
    void removeMigrations(ConnectWorker of) {
        List<String> connectors = connectorNames(of);
        connectors.forEach(of.rest()::deleteIfExists);
        Await.until(
                "the worker has no connector left",
                Duration.ofMinutes(1),
                () -> connectorNames(of).isEmpty());
        Slots.dropAll(source);
        if (!connectors.isEmpty()) {
            LOG.info("Removed connectors {} and every replication slot", connectors);
        }
    }

    private static List<String> connectorNames(ConnectWorker worker) {
        List<String> names = new ArrayList<>();
        worker.rest().get("/connectors").forEach(name -> names.add(name.asText()));
        return names;
    }

    @Override
    public void close() {
        for (AutoCloseable resource : new AutoCloseable[] {worker, broker, source, target}) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", resource, e);
            }
        }
    }
}
