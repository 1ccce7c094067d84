package io.pg2polar.controlplane;

import java.util.Map;

import org.apache.kafka.connect.health.ConnectClusterState;

/** Finds a migration by name on the Connect cluster: its connectors' configurations, placeholders resolved. */
final class MigrationLookup {

    private final ConnectClusterState cluster;
    private final WorkerSettings worker;

    MigrationLookup(ConnectClusterState cluster, WorkerSettings worker) {
        this.cluster = cluster;
        this.worker = worker;
    }

    /**
     * @param needsSink whether the sink connector must exist too (else its configuration is empty when it does not)
     * @throws MissingConnectorException when a connector it needs does not exist
     */
    Migration migration(String name, boolean needsSink) {
        String source = Migration.sourceConnectorOf(name);
        String sink = Migration.sinkConnectorOf(name);
        Map<String, String> sourceConfig = worker.resolve(configOf(source));
        Map<String, String> sinkConfig =
                needsSink || cluster.connectors().contains(sink) ? worker.resolve(configOf(sink)) : Map.of();
        return new Migration(name, source, sink, sourceConfig, sinkConfig);
    }

    private Map<String, String> configOf(String connector) {
        if (!cluster.connectors().contains(connector)) {
            throw new MissingConnectorException(
                    "No connector " + connector + ": a migration <name> is the connector pair <name>-source and"
                            + " <name>-sink (connect-configs/ creates pg2polar-source and pg2polar-sink, i.e. migration 'pg2polar')");
        }
        return cluster.connectorConfig(connector);
    }
}
