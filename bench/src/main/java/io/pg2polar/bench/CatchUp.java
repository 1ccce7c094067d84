package io.pg2polar.bench;

import java.time.Duration;
import java.time.Instant;

import io.pg2polar.servers.connect.ConnectRestClient;
import io.pg2polar.servers.postgres.PostgresServer;

/**
 * CDC catch-up, both ways on one backlog: a native subscription starts on a copy of the target taken after the full
 * load; both stream a quarter of the backlog's size in live changes; then the plugins' connectors are stopped and
 * the subscription disabled, pgbench writes the backlog once, and the plugins catch up on their own, and then the
 * subscription does, each timed until its target equals the source.
 */
final class CatchUp {

    private static final String NATIVE_DB = "native_cdc";

    private final PostgresServer source;
    private final String sourceDatabase;
    private final PostgresServer target;
    private final ConnectRestClient rest;
    private final String sourceConnector;
    private final String sinkConnector;
    private boolean exact;

    CatchUp(PostgresServer source, String sourceDatabase, PostgresServer target, ConnectRestClient rest, String sourceConnector,
            String sinkConnector) {
        this.source = source;
        this.sourceDatabase = sourceDatabase;
        this.target = target;
        this.rest = rest;
        this.sourceConnector = sourceConnector;
        this.sinkConnector = sinkConnector;
    }

    /** How many transactions both stream live before the backlog: a quarter of it. */
    static int streamedLive(int transactions, int clients) {
        return Math.max(clients, transactions / 4);
    }

    /** @return the plugins' catch-up time, then the native subscription's */
    Duration[] measure(int transactions, int clients, Runnable pluginsStarting, Runnable pluginsDone, Runnable nativeStarting,
                       Runnable nativeDone) {
        // the native copy starts where the plugins' target is after the full load: nothing was written since
        target.createDatabase(NATIVE_DB);
        PgTools.dumpAndRestore(source, sourceDatabase, target, NATIVE_DB);
        source.execute(sourceDatabase, "CREATE PUBLICATION bench_native FOR TABLE " + String.join(", ", PgbenchTables.TABLES));
        target.execute(NATIVE_DB, "CREATE SUBSCRIPTION bench_native CONNECTION 'host=" + source.host() + " port=" + source.port()
                + " user=postgres dbname=" + sourceDatabase + "' PUBLICATION bench_native WITH (copy_data = false)");

        // both stream live changes first, so what is timed is an outage's backlog in a migration already streaming
        // (the worker's just-in-time compiler has seen change events, the subscription's caches are filled)
        PgTools.writeTransactions(source, sourceDatabase, streamedLive(transactions, clients), clients);
        String streamed = PgbenchTables.catchUpFingerprint(source, sourceDatabase);
        long streamedRows = PgbenchTables.historyRows(source, sourceDatabase);
        MigrationBenchmark.await("the plugins' live changes", PgbenchTables.caughtUp(target, "plugins", streamed, streamedRows));
        MigrationBenchmark.await("the subscription's live changes", PgbenchTables.caughtUp(target, NATIVE_DB, streamed, streamedRows));

        stop(rest, sourceConnector, sinkConnector);
        target.execute(NATIVE_DB, "ALTER SUBSCRIPTION bench_native DISABLE");
        MigrationBenchmark.await("the subscription's sender to stop", () -> "0".equals(PgbenchTables.query(source, sourceDatabase,
                "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'bench_native'", "?")));

        PgTools.writeTransactions(source, sourceDatabase, transactions, clients);
        String expected = PgbenchTables.catchUpFingerprint(source, sourceDatabase);
        long expectedRows = PgbenchTables.historyRows(source, sourceDatabase);

        pluginsStarting.run();
        Instant pluginsStart = Instant.now();
        resume(rest, sourceConnector, sinkConnector);
        MigrationBenchmark.await("the plugins' catch-up", PgbenchTables.caughtUp(target, "plugins", expected, expectedRows));
        Duration plugins = Duration.between(pluginsStart, Instant.now());
        pluginsDone.run();

        nativeStarting.run();
        Instant nativeStart = Instant.now();
        target.execute(NATIVE_DB, "ALTER SUBSCRIPTION bench_native ENABLE");
        MigrationBenchmark.await("the native subscription's catch-up", PgbenchTables.caughtUp(target, NATIVE_DB, expected, expectedRows));
        Duration nativeReplication = Duration.between(nativeStart, Instant.now());
        nativeDone.run();

        String sourceRows = PgbenchTables.checksum(source, sourceDatabase);
        exact = sourceRows.equals(PgbenchTables.checksum(target, "plugins")) && sourceRows.equals(PgbenchTables.checksum(target, NATIVE_DB));
        target.execute(NATIVE_DB, "DROP SUBSCRIPTION bench_native");
        source.execute(sourceDatabase, "DROP PUBLICATION bench_native");
        return new Duration[] { plugins, nativeReplication };
    }

    /**
     * Stops both connectors and waits until they are. Stopped, not paused: a paused source task's Debezium thread
     * keeps decoding the WAL into its queue, so the plugins would start the clock with most of the backlog already
     * read, while the subscription reads all of it.
     */
    static void stop(ConnectRestClient rest, String sourceConnector, String sinkConnector) {
        rest.stop(sinkConnector);
        rest.stop(sourceConnector);
        rest.awaitStopped(sinkConnector, Duration.ofMinutes(2));
        rest.awaitStopped(sourceConnector, Duration.ofMinutes(2));
    }

    static void resume(ConnectRestClient rest, String sourceConnector, String sinkConnector) {
        rest.resume(sourceConnector);
        rest.resume(sinkConnector);
    }

    /** Whether every row of both targets equals the source's after the catch-up. */
    boolean exact() {
        return exact;
    }
}
