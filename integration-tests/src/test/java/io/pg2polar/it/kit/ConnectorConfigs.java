package io.pg2polar.it.kit;

import java.util.LinkedHashMap;
import java.util.Map;

import io.pg2polar.servers.connect.ConnectorConfigFiles;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

/**
 * The connector configurations of {@code connect-configs/}, as shipped or in variants for tests that run several
 * migrations on one worker: only names change (topic prefix, databases) plus what a test sets on purpose.
 */
public final class ConnectorConfigs {

    /**
     * For a sink whose worker the test kills: the group drops the dead worker's consumers after 6 s instead of the
     * default 45, so the replacement's tasks get their partitions back without waiting out a whole session.
     */
    public static final Map<String, String> KILLED_WORKER_FAILOVER =
            Map.of("consumer.override.session.timeout.ms", "6000", "consumer.override.heartbeat.interval.ms", "2000");

    private ConnectorConfigs() {}

    /** {@code connect-configs/source.json}, unchanged. */
    public static Definition source() {
        return ConnectorConfigFiles.source();
    }

    /** {@code connect-configs/sink.json}, unchanged. */
    public static Definition sink() {
        return ConnectorConfigFiles.sink();
    }

    /** source.json for a migration of {@code database} into topics {@code <prefix>.<schema>.<table>}. */
    public static Definition source(String prefix, String database, Map<String, String> changes) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("topic.prefix", prefix, "database.dbname", database));
        all.putAll(changes);
        return source().renamed(prefix + "-source", all);
    }

    /** sink.json applying the topics of {@code prefix} to {@code database}: its {@code topics.regex} with the prefix replaced. */
    public static Definition sink(String prefix, String database, Map<String, String> changes) {
        String shipped = sink().config().get("topics.regex");
        String regex = prefix.replace(".", "\\.") + shipped.substring(shipped.indexOf("\\."));
        Map<String, String> all = new LinkedHashMap<>(Map.of("topics.regex", regex, "connection.database", database));
        all.putAll(changes);
        return sink().renamed(prefix + "-sink", all);
    }
}
