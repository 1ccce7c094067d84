package io.pg2polar.bench;

import java.time.Duration;

import io.pg2polar.servers.connect.ConnectRestClient;
import io.pg2polar.servers.postgres.PostgresServer;

/**
 * CDC catch-up, both ways on the same backlogs: a native subscription starts on a copy of the target taken after the
 * full load; both stream a quarter of a backlog's size in live changes; then, in each round, the plugins' connectors
 * are stopped and the subscription disabled, pgbench writes the backlog once, and the plugins catch up on their own,
 * and then the subscription does, each timed until its target equals the source.
 */
final class CatchUp {

    private static final String NATIVE_DB = "native_cdc";

    /** One round's catch-up by the plugins, then by the subscription. */
    record Round(PhaseClock.Timing plugins, PhaseClock.Timing nativeReplication) {}

    private final PostgresServer source;
    private final String sourceDatabase;
    private final PostgresServer target;
    private final ConnectRestClient rest;
    private final PluginsMigration migration;
    private final PhaseClock clock;

    CatchUp(
            PostgresServer source,
            String sourceDatabase,
            PostgresServer target,
            ConnectRestClient rest,
            PluginsMigration migration,
            PhaseClock clock) {
        this.source = source;
        this.sourceDatabase = sourceDatabase;
        this.target = target;
        this.rest = rest;
        this.migration = migration;
        this.clock = clock;
    }

    /** How many transactions both stream live before the backlog: a quarter of it. */
    static int streamedLive(int transactions, int clients) {
        return Math.max(clients, transactions / 4);
    }

    /** Starts the subscription where the plugins' target is after the full load, and streams live changes to both. */
    void start(int transactions, int clients) {
        // nothing was written to the source since the full load
        target.createDatabase(NATIVE_DB);
        PgTools.dumpAndRestore(source, sourceDatabase, target, NATIVE_DB);
        source.execute(
                sourceDatabase, "CREATE PUBLICATION bench_native FOR TABLE " + String.join(", ", PgbenchTables.TABLES));
        target.execute(
                NATIVE_DB,
                "CREATE SUBSCRIPTION bench_native CONNECTION 'host=" + source.host() + " port=" + source.port()
                        + " user=postgres dbname=" + sourceDatabase
                        + "' PUBLICATION bench_native WITH (copy_data = false)");

        // both stream live changes first, so what is timed is an outage's backlog in a migration already streaming
        // (the worker's just-in-time compiler has seen change events, the subscription's caches are filled)
        PgTools.writeTransactions(source, sourceDatabase, streamedLive(transactions, clients), clients);
        String streamed = PgbenchTables.catchUpFingerprint(source, sourceDatabase);
        long streamedRows = PgbenchTables.historyRows(source, sourceDatabase);
        MigrationBenchmark.await(
                "the plugins' live changes",
                PgbenchTables.caughtUp(target, migration.targetDatabase(), streamed, streamedRows));
        MigrationBenchmark.await(
                "the subscription's live changes", PgbenchTables.caughtUp(target, NATIVE_DB, streamed, streamedRows));
    }

    /** One backlog written while both were stopped, caught up by each on its own. */
    Round round(int transactions, int clients) {
        stopConnectors();
        target.execute(NATIVE_DB, "ALTER SUBSCRIPTION bench_native DISABLE");
        MigrationBenchmark.await(
                "the subscription's sender to stop",
                () -> "0"
                        .equals(PgbenchTables.query(
                                source,
                                sourceDatabase,
                                "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'bench_native'",
                                "?")));

        PgTools.writeTransactions(source, sourceDatabase, transactions, clients);
        String expected = PgbenchTables.catchUpFingerprint(source, sourceDatabase);
        long expectedRows = PgbenchTables.historyRows(source, sourceDatabase);
        MigrationBenchmark.checkpoint(source, target);

        clock.start();
        rest.resume(migration.sourceConnector());
        rest.resume(migration.sinkConnector());
        MigrationBenchmark.await(
                "the plugins' catch-up",
                PgbenchTables.caughtUp(target, migration.targetDatabase(), expected, expectedRows));
        PhaseClock.Timing plugins = clock.stop(true);

        MigrationBenchmark.checkpoint(source, target);
        clock.start();
        target.execute(NATIVE_DB, "ALTER SUBSCRIPTION bench_native ENABLE");
        MigrationBenchmark.await(
                "the native subscription's catch-up",
                PgbenchTables.caughtUp(target, NATIVE_DB, expected, expectedRows));
        return new Round(plugins, clock.stop(false));
    }

    /** Drops the subscription; @return whether every row of both targets equals the source's */
    boolean finish() {
        String sourceRows = PgbenchTables.checksum(source, sourceDatabase);
        boolean exact = sourceRows.equals(PgbenchTables.checksum(target, migration.targetDatabase()))
                && sourceRows.equals(PgbenchTables.checksum(target, NATIVE_DB));
        target.execute(NATIVE_DB, "DROP SUBSCRIPTION bench_native");
        source.execute(sourceDatabase, "DROP PUBLICATION bench_native");
        return exact;
    }

    /**
     * Stops both connectors and waits until they are. Stopped, not paused: a paused source task's Debezium thread
     * keeps decoding the WAL into its queue, so the plugins would start the clock with most of the backlog already
     * read, while the subscription reads all of it.
     */
    private void stopConnectors() {
        rest.stop(migration.sinkConnector());
        rest.stop(migration.sourceConnector());
        rest.awaitStopped(migration.sinkConnector(), Duration.ofMinutes(2));
        rest.awaitStopped(migration.sourceConnector(), Duration.ofMinutes(2));
    }
}
