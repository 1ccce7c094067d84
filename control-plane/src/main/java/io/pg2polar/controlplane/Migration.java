package io.pg2polar.controlplane;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.naming.NameMapping;
import io.pg2polar.common.naming.NameMappingConfig;
import io.pg2polar.common.sink.TargetConnectionSettings;
import io.pg2polar.common.sink.TargetDialectName;
import io.pg2polar.common.source.SourceConnectorSettings;
import io.pg2polar.common.sql.TableId;

/**
 * One migration as the REST extension sees it: the source connector {@code <name>-source} and the sink connector
 * {@code <name>-sink} (the names {@code connect-configs/} uses for migration {@code pg2polar}), their
 * configurations with placeholders resolved, and the two databases.
 */
record Migration(
        String name,
        String sourceConnector,
        String sinkConnector,
        Map<String, String> sourceConfig,
        Map<String, String> sinkConfig) {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    static String sourceConnectorOf(String migration) {
        return migration + "-source";
    }

    static String sinkConnectorOf(String migration) {
        return migration + "-sink";
    }

    /** Whether the sink connector exists: without it, nothing is known about the target. */
    boolean hasSink() {
        return !sinkConfig.isEmpty();
    }

    /** The sink connector's configuration with its name, as {@code TargetCheckOptions} takes it. */
    Map<String, String> namedSinkConfig() {
        return withName(sinkConfig, sinkConnector);
    }

    /** The source connector's configuration with its name, as the source plugin reads it. */
    SourceConnectorSettings source() {
        return SourceConnectorSettings.of(withName(sourceConfig, sourceConnector));
    }

    PgEndpoint sourceEndpoint() {
        return source().endpoint();
    }

    boolean polarDbTarget() {
        return TargetConnectionSettings.dialect(sinkConfig) == TargetDialectName.POLARDB_O;
    }

    PgEndpoint targetEndpoint() {
        return TargetConnectionSettings.endpoint(sinkConfig);
    }

    /** The sink's name mapping: target names of the source's schemas and tables. */
    NameMapping nameMapping() {
        return NameMapping.parse(
                sinkConfig.get(NameMappingConfig.SCHEMAS),
                sinkConfig.get(NameMappingConfig.TABLES),
                sinkConfig.get(NameMappingConfig.COLUMNS),
                sinkConfig.get(NameMappingConfig.TABLE_PATTERN),
                sinkConfig.get(NameMappingConfig.TABLE_REPLACEMENT));
    }

    String slotName() {
        return source().slotName();
    }

    String publicationName() {
        return source().publicationName();
    }

    Connection connectSource() throws SQLException {
        return sourceEndpoint().connect("pg2polar-rest", TIMEOUT, Duration.ofMinutes(10));
    }

    Connection connectTarget() throws SQLException {
        return targetEndpoint().connect("pg2polar-rest", TIMEOUT, Duration.ofMinutes(10));
    }

    /** The tables the source connector captures, as the source lists them now. */
    List<TableId> tables(Connection source) throws SQLException {
        return source().capturedTables(source);
    }

    /** The schemas of the captured tables: their sequences are synced. */
    static TreeSet<String> schemasOf(List<TableId> tables) {
        TreeSet<String> schemas = new TreeSet<>();
        tables.forEach(t -> schemas.add(t.schema()));
        return schemas;
    }

    private static Map<String, String> withName(Map<String, String> config, String name) {
        if (config.containsKey("name")) {
            return config;
        }
        Map<String, String> named = new java.util.HashMap<>(config);
        named.put("name", name);
        return named;
    }
}
