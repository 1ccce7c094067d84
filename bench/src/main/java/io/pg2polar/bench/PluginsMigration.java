package io.pg2polar.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.pg2polar.common.naming.ReplicationNames;
import io.pg2polar.servers.connect.ConnectRestClient;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.servers.postgres.PostgresServer;

/**
 * One migration of the source database through the worker, with connectors, topics and a target database of its
 * own, so that the full load can be measured again in a later round on the same worker.
 */
final class PluginsMigration {

    private final PostgresServer source;
    private final String sourceDatabase;
    private final PostgresServer target;
    private final String targetDatabase;
    private final ConnectRestClient rest;
    private final Definition sourceConnector;
    private final Definition sinkConnector;

    PluginsMigration(
            PostgresServer source,
            String sourceDatabase,
            PostgresServer target,
            ConnectRestClient rest,
            Definition sourceTemplate,
            Definition sinkTemplate,
            int round) {
        this.source = source;
        this.sourceDatabase = sourceDatabase;
        this.target = target;
        this.targetDatabase = "plugins" + round;
        this.rest = rest;
        String prefix = "bench" + round;
        this.sourceConnector = sourceTemplate.renamed(prefix + "-source", Map.of("topic.prefix", prefix));
        this.sinkConnector = sinkTemplate.renamed(
                prefix + "-sink",
                Map.of("topics.regex", prefix + "\\.[^.]+\\.[^.]+", "connection.database", targetDatabase));
        target.createDatabase(targetDatabase);
    }

    String targetDatabase() {
        return targetDatabase;
    }

    String sourceConnector() {
        return sourceConnector.name();
    }

    String sinkConnector() {
        return sinkConnector.name();
    }

    /**
     * Registers both connectors and waits until every row is on the target.
     *
     * @param expected the source's fingerprint
     * @param asked called as each fingerprint of the full target is asked for; the clock stops there, not when the
     *              one that matches answers: its snapshot already held every row, and scanning 2 M freshly loaded
     *              rows (setting their hint bits) took the target about a second that {@code pg_dump | psql}, timed
     *              until {@code psql} exits, is not charged
     * @return what {@code asked} returned for the fingerprint that matched
     */
    <T> T fullLoad(String expected, Supplier<T> asked) {
        rest.putConnector(sourceConnector.name(), sourceConnector.config());
        rest.putConnector(sinkConnector.name(), sinkConnector.config());
        List<T> matched = new ArrayList<>(1);
        MigrationBenchmark.await("the full load into " + targetDatabase, () -> {
            if (!PgbenchTables.fullLoadApplied(target, targetDatabase)) {
                return false;
            }
            T atQuestion = asked.get();
            if (!expected.equals(PgbenchTables.fingerprint(target, targetDatabase))) {
                return false;
            }
            matched.add(atQuestion);
            return true;
        });
        return matched.get(0);
    }

    /** Whether every row of the target equals the source's. */
    boolean exact() {
        return PgbenchTables.checksum(source, sourceDatabase).equals(PgbenchTables.checksum(target, targetDatabase));
    }

    /** Deletes the connectors, drops their slot and the target database. */
    void remove() {
        rest.delete(sinkConnector.name());
        rest.delete(sourceConnector.name());
        String slot = ReplicationNames.forConnector(sourceConnector.name());
        MigrationBenchmark.await(
                "the slot " + slot + " to be released",
                () -> "0"
                        .equals(PgbenchTables.query(
                                source,
                                sourceDatabase,
                                "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND active",
                                "?")));
        source.execute(sourceDatabase, "SELECT pg_drop_replication_slot('" + slot + "')");
        target.dropDatabase(targetDatabase);
    }
}
