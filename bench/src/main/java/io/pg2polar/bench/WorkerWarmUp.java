package io.pg2polar.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.pg2polar.common.naming.ReplicationNames;
import io.pg2polar.servers.connect.ConnectRestClient;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.servers.postgres.PostgresServer;

/**
 * A small migration through the worker before anything is timed, of the same kinds as the timed ones (a COPY full
 * load, then a backlog caught up after the connectors were stopped), in its own databases and connectors. On a
 * fresh worker the just-in-time compilers took ~40 % of the worker's CPU during the timed full load and ~30 %
 * during the catch-up (per-thread CPU from /proc): partly the cost of a worker's first migration, not of moving
 * rows. After the warm-up the timed phases measure a worker closer to its steady state, as in a Connect cluster
 * that has run for a while; {@code --warm-up-scale 0} measures a fresh worker instead.
 */
final class WorkerWarmUp {

    private static final String DATABASE = "warmup";

    private WorkerWarmUp() {
    }

    /** @return how long the warm-up migration took, full load and catch-up */
    static Duration run(PostgresServer source, PostgresServer target, ConnectRestClient rest, Definition sourceTemplate,
                        Definition sinkTemplate, int scale, int transactions, int clients) {
        Instant started = Instant.now();
        source.createDatabase(DATABASE);
        target.createDatabase(DATABASE);
        PgTools.initialise(source, DATABASE, scale);
        Definition sourceConnector = sourceTemplate.renamed("warmup-source", Map.of("topic.prefix", DATABASE, "database.dbname", DATABASE));
        Definition sinkConnector = sinkTemplate.renamed("warmup-sink", Map.of("topics.regex", DATABASE + "\\.[^.]+\\.[^.]+",
                "connection.database", DATABASE));
        String loaded = PgbenchTables.fingerprint(source, DATABASE);
        rest.putConnector(sourceConnector.name(), sourceConnector.config());
        rest.putConnector(sinkConnector.name(), sinkConnector.config());
        MigrationBenchmark.await("the warm-up's full load", () -> PgbenchTables.fullLoadApplied(target, DATABASE)
                && loaded.equals(PgbenchTables.fingerprint(target, DATABASE)));

        CatchUp.stop(rest, sourceConnector.name(), sinkConnector.name());
        PgTools.writeTransactions(source, DATABASE, transactions, clients);
        String changed = PgbenchTables.catchUpFingerprint(source, DATABASE);
        long historyRows = PgbenchTables.historyRows(source, DATABASE);
        CatchUp.resume(rest, sourceConnector.name(), sinkConnector.name());
        MigrationBenchmark.await("the warm-up's catch-up", PgbenchTables.caughtUp(target, DATABASE, changed, historyRows));

        rest.delete(sinkConnector.name());
        rest.delete(sourceConnector.name());
        String slot = ReplicationNames.forConnector(sourceConnector.name());
        MigrationBenchmark.await("the warm-up's slot to be released", () -> "0".equals(PgbenchTables.query(source, DATABASE,
                "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND active", "?")));
        source.execute(DATABASE, "SELECT pg_drop_replication_slot('" + slot + "')");
        source.dropDatabase(DATABASE);
        target.dropDatabase(DATABASE);
        return Duration.between(started, Instant.now());
    }
}
