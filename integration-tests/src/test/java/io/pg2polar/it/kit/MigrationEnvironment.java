package io.pg2polar.it.kit;

import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.pg2polar.servers.connect.ConnectRestClient;
import io.pg2polar.servers.connect.ConnectWorker;
import io.pg2polar.servers.kafka.KafkaBroker;
import io.pg2polar.servers.postgres.PostgresServer;

/**
 * JUnit 5 extension giving a test class the real servers a migration runs on ({@link MigrationServers}): a
 * source and a target PostgreSQL, a KRaft broker and a Connect worker loading our plugins from their archives.
 * By default one set of servers is shared by every class of the run (starting them costs ~8 s of the two cores
 * per class); classes isolate themselves by database, role and connector names, and when a class ends its
 * connectors and replication slots are removed. A class that kills the worker, restarts a database or loads
 * the broker with thousands of topics asks for servers of its own with {@link #dedicated()}.
 *
 * <pre>{@code @RegisterExtension static final MigrationEnvironment env = new MigrationEnvironment();}</pre>
 */
public final class MigrationEnvironment implements BeforeAllCallback, AfterAllCallback {

    public static final String DEFAULT_SOURCE_DB = "app_source";
    public static final String DEFAULT_TARGET_DB = "app_target";

    private static final ExtensionContext.Namespace SHARED =
            ExtensionContext.Namespace.create(MigrationEnvironment.class);

    private final boolean dedicated;
    private final Map<String, String> workerSettings;
    private final boolean ownWorker;
    private MigrationServers servers;
    private ConnectWorker classWorker;
    private final java.util.List<ConnectWorker> moreWorkers = new java.util.ArrayList<>();

    /** The servers shared by the run's classes. */
    public MigrationEnvironment() {
        this(false, Map.of(), false);
    }

    private MigrationEnvironment(boolean dedicated, Map<String, String> workerSettings, boolean ownWorker) {
        this.dedicated = dedicated;
        this.workerSettings = workerSettings;
        this.ownWorker = ownWorker;
    }

    /** Servers started for this class alone and stopped after it: for fault tests and tests of scale. */
    public static MigrationEnvironment dedicated() {
        return new MigrationEnvironment(true, Map.of(), false);
    }

    /** Dedicated servers whose worker has these settings, e.g. {@code pg2polar.worker.max.heap}. */
    public static MigrationEnvironment dedicated(Map<String, String> workerSettings) {
        return new MigrationEnvironment(true, Map.copyOf(workerSettings), false);
    }

    /**
     * The shared databases and broker with a worker of the class's own, in its own group, with these settings (e.g. a
     * REST security extension): cheaper than dedicated servers; the worker is stopped after the class.
     */
    public static MigrationEnvironment sharedWithOwnWorker(Map<String, String> workerSettings) {
        return new MigrationEnvironment(false, Map.copyOf(workerSettings), true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (dedicated) {
            servers = MigrationServers.start(context.getRequiredTestClass().getSimpleName(), workerSettings);
        } else {
            // the root context's store closes its AutoCloseable values when the whole run ends
            servers = context.getRoot()
                    .getStore(SHARED)
                    .getOrComputeIfAbsent(
                            MigrationServers.class,
                            key -> {
                                try {
                                    return MigrationServers.start("shared", Map.of());
                                } catch (Exception e) {
                                    throw new IllegalStateException("The shared servers did not start", e);
                                }
                            },
                            MigrationServers.class);
            if (ownWorker) {
                classWorker =
                        servers.startOwnWorker(context.getRequiredTestClass().getSimpleName(), workerSettings);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        moreWorkers.forEach(ConnectWorker::close);
        moreWorkers.clear();
        if (dedicated) {
            servers.close();
        } else if (classWorker != null) {
            servers.removeMigrations(classWorker);
            classWorker.close();
            classWorker = null;
        } else {
            servers.removeMigrations();
        }
    }

    public PostgresServer source() {
        return servers.source();
    }

    public PostgresServer target() {
        return servers.target();
    }

    public KafkaBroker broker() {
        return servers.broker();
    }

    public ConnectWorker worker() {
        return classWorker != null ? classWorker : servers.worker();
    }

    /**
     * Starts one more worker in the group of {@link #worker()} (dedicated servers only), stopped after the class: a
     * Connect cluster of several workers, among which the tasks are spread.
     */
    public ConnectWorker addWorker() {
        if (!dedicated) {
            throw new IllegalStateException(
                    "Only dedicated servers take more workers: the shared ones serve other classes");
        }
        try {
            ConnectWorker another = servers.startAnotherWorker();
            moreWorkers.add(another);
            return another;
        } catch (Exception e) {
            throw new IllegalStateException("Another worker did not start", e);
        }
    }

    /** The REST API of the group: that of {@link #worker()}, or while it is down, of another running worker. */
    public ConnectRestClient rest() {
        if (classWorker != null) {
            return classWorker.rest();
        }
        return moreWorkers.stream()
                .filter(w -> !servers.worker().isRunning() && w.isRunning())
                .findFirst()
                .orElse(servers.worker())
                .rest();
    }
}
