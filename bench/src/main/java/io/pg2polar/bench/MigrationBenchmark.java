package io.pg2polar.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.pg2polar.servers.TempDirectory;
import io.pg2polar.servers.connect.ConnectRestClient;
import io.pg2polar.servers.connect.ConnectWorker;
import io.pg2polar.servers.connect.ConnectorConfigFiles;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.servers.connect.PluginDirectory;
import io.pg2polar.servers.kafka.KafkaBroker;
import io.pg2polar.servers.postgres.EmbeddedPostgresServer;

/**
 * The benchmark, on the same kind of servers as the tests and in one run: a full load of pgbench data through
 * the plugins against {@code pg_dump | psql}, and catching up a backlog of pgbench transactions against a native
 * logical replication subscription catching up the same backlog; with the worker's peak heap and where its
 * threads spend their time. Both ends run PostgreSQL 15, the major of the machine's client programs.
 */
public final class MigrationBenchmark {

    private static final String SOURCE_DB = "bench";
    private static final Duration LIMIT = Duration.ofMinutes(30);
    /**
     * The worker's collector as connect-configs/README.md recommends for a worker running a migration
     * (KAFKA_JVM_PERFORMANCE_OPTS): the throughput collector. Kafka's scripts give Connect G1 with a 20 ms pause
     * goal, tuned for brokers; under a catch-up it kept the young generation at ~40 MB, promoted every in-flight
     * change event and spent a fifth of the time in pauses. {@code -Dbench.worker.gc="..."} measures another.
     */
    private static final String RECOMMENDED_WORKER_GC = "-XX:+UseParallelGC";

    private final int scale;
    private final int transactions;
    private final int clients;
    private final int warmUpScale;

    private MigrationBenchmark(int scale, int transactions, int clients, int warmUpScale) {
        this.scale = scale;
        this.transactions = transactions;
        this.clients = clients;
        this.warmUpScale = warmUpScale;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("--scale", "20", "--transactions", "20000", "--clients", "4",
                "--warm-up-scale", "2"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; use --scale N --transactions N --clients N --warm-up-scale N (0: time a fresh worker)");
            }
            options.put(args[i], args[i + 1]);
        }
        new MigrationBenchmark(Integer.parseInt(options.get("--scale")), Integer.parseInt(options.get("--transactions")),
                Integer.parseInt(options.get("--clients")), Integer.parseInt(options.get("--warm-up-scale"))).run();
        System.exit(0);
    }

    private void run() throws IOException {
        System.out.println(MachineFacts.describe());
        // autovacuum off: the vacuum and analyze of one side's freshly loaded 2 M rows would otherwise land, at the
        // launcher's whim, in the other side's timed run (the baselines load first), charged to and slowing it
        Map<String, String> settings = new LinkedHashMap<>(Map.of("wal_level", "logical", "max_replication_slots", "20",
                "max_wal_senders", "20", "max_connections", "200", "autovacuum", "off"));
        try (EmbeddedPostgresServer source = EmbeddedPostgresServer.start("15", settings);
                EmbeddedPostgresServer target = EmbeddedPostgresServer.start("15", settings);
                KafkaBroker broker = KafkaBroker.start()) {
            source.createDatabase(SOURCE_DB);
            Duration init = PgTools.initialise(source, SOURCE_DB, scale);
            System.out.printf("pgbench -i -s %d: %d rows in %.1f s%n", scale, scale * 100_000L, init.toMillis() / 1000.0);
            System.out.printf("broker warmed up (200 MB in transactions, read back) in %.1f s%n%n",
                    BrokerWarmUp.run(broker.bootstrapServers()).toMillis() / 1000.0);

            target.createDatabase("baseline_dump");
            CpuBudget cpu = new CpuBudget(source, target);
            cpu.start();
            Duration dump = PgTools.dumpAndRestore(source, SOURCE_DB, target, "baseline_dump");
            String dumpCpu = cpu.sinceStart();

            Path workDir = Files.createTempDirectory(TempDirectory.ensure(), "pg2polar-bench-");
            Path plugins = PluginDirectory.installFromBuild(workDir.resolve("plugins"));
            target.createDatabase("plugins");
            Path gcLog = workDir.resolve("worker-gc.log");
            Map<String, String> environment = ConnectorConfigFiles.environment(source.superuser(SOURCE_DB), target.superuser("plugins"));
            try (ConnectWorker worker = ConnectWorker.start(broker.bootstrapServers(), plugins, workDir.resolve("worker"),
                    environment, overrides("bench.worker.", Map.of("pg2polar.worker.max.heap", "1g",
                            "pg2polar.worker.jvm.options",
                            System.getProperty("bench.worker.gc", RECOMMENDED_WORKER_GC) + " " + WorkerMonitor.jvmOptions(gcLog),
                            "offset.flush.interval.ms", "1000")))) {
                WorkerMonitor monitor = new WorkerMonitor(worker.pid(), gcLog, workDir);
                ConnectRestClient rest = worker.rest();
                Definition sourceConnector = ConnectorConfigFiles.source().renamed("bench-source",
                        overrides("bench.source.", Map.of("topic.prefix", "bench",
                                // pgbench_history has no key: the precheck asks for a replica identity
                                "replica.identity.autoset", "true")));
                Definition sinkConnector = ConnectorConfigFiles.sink().renamed("bench-sink",
                        overrides("bench.sink.", Map.of("topics.regex", "bench\\.[^.]+\\.[^.]+")));

                if (warmUpScale > 0) {
                    int warmUpTransactions = Math.max(clients, transactions / 10);
                    Duration warmUp = WorkerWarmUp.run(source, target, rest, sourceConnector, sinkConnector, warmUpScale, warmUpTransactions, clients);
                    System.out.printf("worker warmed up (a migration of pgbench scale %d and %d transactions caught up) in %.1f s%n%n",
                            warmUpScale, warmUpTransactions, warmUp.toMillis() / 1000.0);
                }
                cpu.addWorker(worker.pid());
                String expected = PgbenchTables.fingerprint(source, SOURCE_DB);
                monitor.startPhase();
                cpu.start();
                Instant started = Instant.now();
                rest.putConnector(sourceConnector.name(), sourceConnector.config());
                rest.putConnector(sinkConnector.name(), sinkConnector.config());
                // the clock stops when the fingerprint that matches was asked for, not when it answers: its snapshot
                // already held every row, and scanning 2 M freshly loaded rows (setting their hint bits) took the
                // target about a second that pg_dump | psql, timed until psql exits, is not charged
                Instant[] loadedBy = new Instant[1];
                String[] fullLoadCpu = new String[1];
                await("the full load", () -> {
                    if (!PgbenchTables.fullLoadApplied(target, "plugins")) {
                        return false;
                    }
                    Instant asked = Instant.now();
                    String cpuSoFar = cpu.sinceStart();
                    if (!expected.equals(PgbenchTables.fingerprint(target, "plugins"))) {
                        return false;
                    }
                    loadedBy[0] = asked;
                    fullLoadCpu[0] = cpuSoFar;
                    return true;
                });
                Duration fullLoadTime = Duration.between(started, loadedBy[0]);
                Report.Phase fullLoad = new Report.Phase(dump, fullLoadTime,
                        PgbenchTables.checksum(source, SOURCE_DB).equals(PgbenchTables.checksum(target, "plugins")), monitor.hotFrames(8), fullLoadCpu[0],
                        dumpCpu);

                CatchUp catchUp = new CatchUp(source, SOURCE_DB, target, rest, sourceConnector.name(), sinkConnector.name());
                String[] cdcCpu = new String[2];
                Duration[] cdc = catchUp.measure(transactions, clients, () -> {
                    monitor.startPhase();
                    cpu.start();
                }, () -> cdcCpu[0] = cpu.sinceStart(), cpu::start, () -> cdcCpu[1] = cpu.sinceStart());
                String workerState = warmUpScale > 0 ? "warmed up by a migration of pgbench scale " + warmUpScale + " first"
                        : "fresh (its first migration)";
                Report.print(scale, transactions, CatchUp.streamedLive(transactions, clients), workerState, fullLoad,
                        new Report.Phase(cdc[1], cdc[0], catchUp.exact(), monitor.hotFrames(8), cdcCpu[0], cdcCpu[1]),
                        monitor.peakHeapMb(), monitor.peakRssMb());
                rest.delete(sinkConnector.name());
                rest.delete(sourceConnector.name());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings plus those given as system properties {@code <prefix><key>=<value>}, for tuning experiments. */
    private static Map<String, String> overrides(String prefix, Map<String, String> settings) {
        Map<String, String> result = new HashMap<>(settings);
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(prefix))
                .forEach(k -> result.put(k.substring(prefix.length()), System.getProperty(k)));
        return result;
    }

    static void await(String what, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(LIMIT);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + " did not finish within " + LIMIT);
            }
            try {
                Thread.sleep(250);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
    }
}
