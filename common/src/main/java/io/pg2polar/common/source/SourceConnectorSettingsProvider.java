package io.pg2polar.common.source;

import java.util.Map;

/** The source plugin's reader of its connector configurations, found through {@link java.util.ServiceLoader}. */
public interface SourceConnectorSettingsProvider {

    /**
     * @param sourceConnectorConfig placeholders resolved, {@code name} included
     * @throws IllegalArgumentException for an unknown {@code migration.type}
     * @throws org.apache.kafka.common.config.ConfigException for a value of the wrong kind, e.g. a port that is no number
     */
    SourceConnectorSettings parse(Map<String, String> sourceConnectorConfig);
}
