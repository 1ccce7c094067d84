package io.pg2polar.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
import io.pg2polar.servers.postgres.PostgresServer;

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
    /**
     * What a worker started by Kafka's own scripts runs with (connect-distributed.sh's KAFKA_HEAP_OPTS and
     * kafka-run-class.sh's KAFKA_JVM_PERFORMANCE_OPTS, Kafka 4.3): G1 with a 20 ms pause goal, up to 2 GB of heap.
     */
    private static final String KAFKA_DEFAULT_WORKER_JVM =
            "-Xms256M -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35"
                    + " -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true";

    private final int scale;
    private final int transactions;
    private final int clients;
    private final int rounds;

    private MigrationBenchmark(int scale, int transactions, int clients, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
        this.scale = scale;
        this.transactions = transactions;
        this.clients = clients;
        this.rounds = rounds;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options =
                new HashMap<>(Map.of("--scale", "20", "--transactions", "20000", "--clients", "4", "--rounds", "3"));
        for (int i = 0; i < args.length; i += 2) {
            if (!options.containsKey(args[i]) || i + 1 == args.length) {
                throw new IllegalArgumentException(
                        (options.containsKey(args[i]) ? "No value for " : "Unknown option ") + args[i]
                                + "; use --scale N --transactions N --clients N --rounds N, and connector or worker settings as"
                                + " system properties in BENCH_JAVA_OPTS (-Dbench.source.<option>=value, bench.sink., bench.worker.)");
            }
            options.put(args[i], args[i + 1]);
        }
        new MigrationBenchmark(
                        Integer.parseInt(options.get("--scale")),
                        Integer.parseInt(options.get("--transactions")),
                        Integer.parseInt(options.get("--clients")),
                        Integer.parseInt(options.get("--rounds")))
                .run();
        System.exit(0);
    }

    private void run() throws IOException {
        System.out.println(MachineFacts.describe());
        // autovacuum off: the vacuum and analyze of one side's freshly loaded 2 M rows would otherwise land, at the
        // launcher's whim, in the other side's timed run (the baselines load first), charged to and slowing it
        Map<String, String> settings = new LinkedHashMap<>(Map.of(
                "wal_level",
                "logical",
                "max_replication_slots",
                "20",
                "max_wal_senders",
                "20",
                "max_connections",
                "200",
                "autovacuum",
                "off"));
        try (EmbeddedPostgresServer source = EmbeddedPostgresServer.start("15", settings);
                EmbeddedPostgresServer target = EmbeddedPostgresServer.start("15", settings);
                KafkaBroker broker = KafkaBroker.start()) {
            source.createDatabase(SOURCE_DB);
            Duration init = PgTools.initialise(source, SOURCE_DB, scale);
            System.out.printf(
                    "pgbench -i -s %d: %d rows in %.1f s%n", scale, scale * 100_000L, init.toMillis() / 1000.0);
            System.out.printf(
                    "broker warmed up (200 MB in transactions, read back) in %.1f s%n%n",
                    BrokerWarmUp.run(broker.bootstrapServers()).toMillis() / 1000.0);

            CpuBudget cpu = new CpuBudget(source, target);
            Path workDir = Files.createTempDirectory(TempDirectory.ensure(), "pg2polar-bench-");
            Path plugins = PluginDirectory.installFromBuild(workDir.resolve("plugins"));
            Path gcLog = workDir.resolve("worker-gc.log");
            Map<String, String> environment =
                    ConnectorConfigFiles.environment(source.superuser(SOURCE_DB), target.superuser("postgres"));
            Definition sourceTemplate = ConnectorConfigFiles.source()
                    .renamed(
                            "bench-source",
                            // pgbench_history has no key: the precheck asks for a replica identity
                            overrides("bench.source.", Map.of("replica.identity.autoset", "true")));
            Definition sinkTemplate =
                    ConnectorConfigFiles.sink().renamed("bench-sink", overrides("bench.sink.", Map.of()));
            Report.FirstMigration first = firstMigrationOnAStockWorker(
                    source, target, broker, plugins, workDir, environment, sourceTemplate, sinkTemplate);
            try (ConnectWorker worker = ConnectWorker.start(
                    broker.bootstrapServers(),
                    plugins,
                    workDir.resolve("worker"),
                    environment,
                    overrides(
                            "bench.worker.",
                            Map.of(
                                    "pg2polar.worker.max.heap",
                                    "1g",
                                    "pg2polar.worker.jvm.options",
                                    System.getProperty("bench.worker.gc", RECOMMENDED_WORKER_GC) + " "
                                            + WorkerMonitor.jvmOptions(gcLog),
                                    "offset.flush.interval.ms",
                                    "1000")))) {
                WorkerMonitor monitor = new WorkerMonitor(worker.pid(), gcLog, workDir);
                ConnectRestClient rest = worker.rest();
                cpu.addWorker(worker.pid());
                PhaseClock clock = new PhaseClock(cpu, new ThreadCpu(worker.pid()));

                List<PhaseClock.Timing> dumps = new ArrayList<>();
                List<PhaseClock.Timing> loads = new ArrayList<>();
                boolean loadsExact = true;
                PluginsMigration migration = null;
                List<String> loadFrames = List.of();
                for (int round = 1; round <= rounds; round++) {
                    if (migration != null) {
                        migration.remove();
                    }
                    dumps.add(dumpAndRestore(source, target, clock, round));
                    String expected = PgbenchTables.fingerprint(source, SOURCE_DB);
                    migration =
                            new PluginsMigration(source, SOURCE_DB, target, rest, sourceTemplate, sinkTemplate, round);
                    checkpoint(source, target);
                    monitor.startPhase();
                    clock.start();
                    loads.add(migration.fullLoad(expected, () -> clock.stop(true)));
                    loadsExact &= migration.exact();
                    if (round == rounds) {
                        loadFrames = monitor.hotFrames(8);
                    }
                    System.out.printf(
                            "round %d: full load %.1f s, pg_dump | psql %.1f s%n",
                            round,
                            loads.get(round - 1).time().toMillis() / 1000.0,
                            dumps.get(round - 1).time().toMillis() / 1000.0);
                }
                Report.Phase fullLoad = new Report.Phase(dumps, loads, loadsExact, loadFrames);

                CatchUp catchUp = new CatchUp(source, SOURCE_DB, target, rest, migration, clock);
                catchUp.start(transactions, clients);
                List<PhaseClock.Timing> subscriptions = new ArrayList<>();
                List<PhaseClock.Timing> catchUps = new ArrayList<>();
                List<String> cdcFrames = List.of();
                for (int round = 1; round <= rounds; round++) {
                    if (round == rounds) {
                        monitor.startPhase();
                    }
                    CatchUp.Round measured = catchUp.round(transactions, clients);
                    if (round == rounds) {
                        cdcFrames = monitor.hotFrames(8);
                    }
                    catchUps.add(measured.plugins());
                    subscriptions.add(measured.nativeReplication());
                    System.out.printf(
                            "round %d: catch-up %.1f s, native subscription %.1f s%n",
                            round,
                            measured.plugins().time().toMillis() / 1000.0,
                            measured.nativeReplication().time().toMillis() / 1000.0);
                }
                Report.print(
                        scale,
                        transactions,
                        CatchUp.streamedLive(transactions, clients),
                        first,
                        fullLoad,
                        new Report.Phase(subscriptions, catchUps, catchUp.finish(), cdcFrames),
                        monitor.peakHeapMb(),
                        monitor.peakRssMb());
                migration.remove();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The figure a user meets first: a worker as Kafka's scripts start it ({@value #KAFKA_DEFAULT_WORKER_JVM}, the
     * configuration in connect-configs/ otherwise), fresh, running its first migration, against {@code pg_dump | psql}
     * timed just before. Wall-clock only: the worker goes when it is done.
     */
    private static Report.FirstMigration firstMigrationOnAStockWorker(
            PostgresServer source,
            PostgresServer target,
            KafkaBroker broker,
            Path plugins,
            Path workDir,
            Map<String, String> environment,
            Definition sourceTemplate,
            Definition sinkTemplate) {
        Duration dump = timed(
                () -> {
                    target.dropDatabase("baseline_dump");
                    target.createDatabase("baseline_dump");
                    checkpoint(source, target);
                    return System.nanoTime();
                },
                () -> PgTools.dumpAndRestore(source, SOURCE_DB, target, "baseline_dump"));
        try (ConnectWorker stock = ConnectWorker.start(
                broker.bootstrapServers(),
                plugins,
                workDir.resolve("stock-worker"),
                environment,
                Map.of("pg2polar.worker.max.heap", "2g", "pg2polar.worker.jvm.options", KAFKA_DEFAULT_WORKER_JVM))) {
            String expected = PgbenchTables.fingerprint(source, SOURCE_DB);
            PluginsMigration migration =
                    new PluginsMigration(source, SOURCE_DB, target, stock.rest(), sourceTemplate, sinkTemplate, 0);
            checkpoint(source, target);
            long started = System.nanoTime();
            long stopped = migration.fullLoad(expected, System::nanoTime);
            Duration load = Duration.ofNanos(stopped - started);
            System.out.printf(
                    "first migration on a stock worker (Kafka's default JVM options): full load %.1f s, pg_dump | psql %.1f s%n%n",
                    load.toMillis() / 1000.0, dump.toMillis() / 1000.0);
            boolean exact = migration.exact();
            migration.remove();
            return new Report.FirstMigration(dump, load, exact);
        }
    }

    /** The time of {@code run} after {@code prepare} (which returns the start). */
    private static Duration timed(java.util.function.LongSupplier prepare, Runnable run) {
        long started = prepare.getAsLong();
        run.run();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** {@code pg_dump | psql} of the source database into a new database, timed. */
    private static PhaseClock.Timing dumpAndRestore(
            PostgresServer source, PostgresServer target, PhaseClock clock, int round) {
        String database = "baseline_dump";
        target.dropDatabase(database);
        target.createDatabase(database);
        checkpoint(source, target);
        clock.start();
        PgTools.dumpAndRestore(source, SOURCE_DB, target, database);
        return clock.stop(false);
    }

    /**
     * Writes out what the previous steps left in both servers' buffers, so a timed run does not pay for it; the
     * baselines get the same.
     */
    static void checkpoint(PostgresServer source, PostgresServer target) {
        source.execute("postgres", "CHECKPOINT");
        target.execute("postgres", "CHECKPOINT");
    }

    /** Settings plus those given as system properties {@code <prefix><key>=<value>}, for tuning experiments. */
    private static Map<String, String> overrides(String prefix, Map<String, String> settings) {
        Map<String, String> result = new HashMap<>(settings);
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith(prefix))
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
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
    }
}
