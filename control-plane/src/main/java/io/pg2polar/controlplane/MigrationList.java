package io.pg2polar.controlplane;

import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.connect.health.ConnectClusterState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The migrations on a Connect cluster: every connector of pg2polar's source or sink class named {@code <name>-source}
 * or {@code <name>-sink} makes migration {@code <name>}. Each comes with its status as {@link MigrationStatus} reads it,
 * without the tables (their number instead); a migration whose databases cannot be read shows its connectors' states
 * and the error.
 */
final class MigrationList {

    static final String SOURCE_CLASS = "io.pg2polar.source.Pg2PolarSourceConnector";
    static final String SINK_CLASS = "io.pg2polar.sink.Pg2PolarSinkConnector";

    private static final Logger LOG = LoggerFactory.getLogger(MigrationList.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private MigrationList() {}

    /** {@code {"migrations": [{"migration", "phase", "lagMillis", "connectors", "tablesByPhase", "tableCount", "totals", "errors"}]}}. */
    static ObjectNode read(ConnectClusterState cluster, MigrationLookup lookup) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("migrations");
        for (Map.Entry<String, Boolean> migration : names(cluster).entrySet()) {
            list.add(summary(migration.getKey(), migration.getValue(), cluster, lookup));
        }
        return root;
    }

    /** Migration names, each with whether its source connector exists. */
    static Map<String, Boolean> names(ConnectClusterState cluster) {
        Map<String, Boolean> names = new TreeMap<>();
        for (String connector : cluster.connectors()) {
            String connectorClass;
            try {
                connectorClass = cluster.connectorConfig(connector).getOrDefault("connector.class", "");
            } catch (RuntimeException e) {
                // deleted between the two calls
                continue;
            }
            if (isClass(connectorClass, SOURCE_CLASS) && connector.endsWith("-source")) {
                names.put(connector.substring(0, connector.length() - "-source".length()), true);
            } else if (isClass(connectorClass, SINK_CLASS) && connector.endsWith("-sink")) {
                names.putIfAbsent(connector.substring(0, connector.length() - "-sink".length()), false);
            }
        }
        return names;
    }

    /** Connect takes a connector class by its full name or by its simple name. */
    private static boolean isClass(String configured, String className) {
        return configured.equals(className) || configured.equals(className.substring(className.lastIndexOf('.') + 1));
    }

    private static ObjectNode summary(
            String name, boolean hasSource, ConnectClusterState cluster, MigrationLookup lookup) {
        if (hasSource) {
            try {
                ObjectNode status = MigrationStatus.read(lookup.migration(name, false), cluster);
                status.put("tableCount", status.path("tables").size());
                status.remove("tables");
                return status;
            } catch (Exception e) {
                LOG.debug("Status of migration {} failed", name, e);
                return withStates(
                        name,
                        cluster,
                        "The status could not be read: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return withStates(name, cluster, "No source connector " + Migration.sourceConnectorOf(name) + " (yet)");
    }

    private static ObjectNode withStates(String name, ConnectClusterState cluster, String problem) {
        ObjectNode node = JSON.createObjectNode();
        node.put("migration", name);
        node.put("phase", "unknown");
        ObjectNode connectors = node.putObject("connectors");
        ArrayNode errors = JSON.createArrayNode();
        MigrationStatus.connector(connectors.putObject("source"), Migration.sourceConnectorOf(name), cluster, errors);
        MigrationStatus.connector(connectors.putObject("sink"), Migration.sinkConnectorOf(name), cluster, errors);
        errors.insert(0, problem);
        node.set("errors", errors);
        return node;
    }
}
