package io.pg2polar.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;

import io.debezium.config.Configuration;
import io.debezium.connector.postgresql.PostgresConnector;
import io.pg2polar.common.Pg2PolarVersion;
import io.pg2polar.common.precheck.PrecheckFinding;
import io.pg2polar.common.precheck.PrecheckFindings;
import io.pg2polar.source.precheck.SourcePrecheck;

/**
 * The pg2polar source: Debezium's PostgreSQL connector with migration-safe defaults, the
 * {@code migration.type} option and a precheck of the live source in {@code validate()}.
 */
public class Pg2PolarSourceConnector extends PostgresConnector {

    private static final Duration PRECHECK_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public String version() {
        return Pg2PolarVersion.get();
    }

    @Override
    public Class<? extends Task> taskClass() {
        return Pg2PolarSourceTask.class;
    }

    @Override
    public void start(Map<String, String> props) {
        super.start(new Pg2PolarSourceConfig(props).debeziumProps());
    }

    @Override
    public ConfigDef config() {
        ConfigDef merged = new ConfigDef(super.config());
        Pg2PolarSourceConfig.configDef().configKeys().values().forEach(merged::define);
        return merged;
    }

    @Override
    public Config validate(Map<String, String> props) {
        Pg2PolarSourceConfig config;
        try {
            config = new Pg2PolarSourceConfig(props);
        }
        catch (IllegalArgumentException e) {
            ConfigValue value = new ConfigValue(Pg2PolarSourceConfig.MIGRATION_TYPE);
            value.addErrorMessage(e.getMessage());
            return new Config(List.of(value));
        }
        List<ConfigValue> values = new ArrayList<>(super.validate(config.debeziumProps()).configValues());
        values.add(new MigrationSettingsCheck(props, config).migrationTypeValue());
        values.addAll(new MigrationSettingsCheck(props, config).topicCreationValues());
        return new Config(values);
    }

    /** Replaces Debezium's connection test with our precheck, whose messages name the field and the fix. */
    @Override
    protected void validateConnection(Map<String, ConfigValue> configValues, Configuration config) {
        Pg2PolarSourceConfig sourceConfig = new Pg2PolarSourceConfig(config.asMap());
        List<PrecheckFinding> findings = new SourcePrecheck(sourceConfig.endpoint(), sourceConfig.migrationType(), PRECHECK_TIMEOUT).run();
        PrecheckFindings.attach(findings, configValues);
    }
}
