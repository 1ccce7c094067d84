package io.pg2polar.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.config.Configuration;
import io.debezium.connector.postgresql.PostgresConnector;
import io.debezium.connector.postgresql.PostgresConnectorConfig;

import io.pg2polar.common.Pg2PolarVersion;
import io.pg2polar.common.precheck.PrecheckFinding;
import io.pg2polar.common.precheck.PrecheckFindings;
import io.pg2polar.common.precheck.PrecheckLog;
import io.pg2polar.source.filter.RowFilterCheck;
import io.pg2polar.source.filter.RowFilters;
import io.pg2polar.source.precheck.SourcePrecheck;
import io.pg2polar.source.schema.CapturedTables;

/**
 * The pg2polar source: Debezium's PostgreSQL connector with migration-safe defaults, the
 * {@code migration.type} option and a precheck of the live source in {@code validate()}.
 */
public class Pg2PolarSourceConnector extends PostgresConnector {

    private static final Duration PRECHECK_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(Pg2PolarSourceConnector.class);

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
        Pg2PolarSourceConfig config = new Pg2PolarSourceConfig(props);
        // validate shows only the FAILs: the log is where an operator sees the whole report
        PrecheckLog.write(
                LOG,
                new SourcePrecheck(
                                config,
                                new PostgresConnectorConfig(Configuration.from(config.debeziumProps())),
                                PRECHECK_TIMEOUT)
                        .report());
        super.start(config.debeziumProps());
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
        } catch (IllegalArgumentException e) {
            // an unknown migration.type: the ConfigDef says which values are valid, on that field
            return new Config(config().validate(props));
        }
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        for (ConfigValue value : super.validate(config.debeziumProps()).configValues()) {
            values.put(value.name(), value);
        }
        // Connect expects a value for every key of config(), once: ours are validated by their own ConfigDef and
        // merged with what the precheck already found on them
        MigrationSettingsCheck check = new MigrationSettingsCheck(props, config);
        List<ConfigValue> ours =
                new ArrayList<>(Pg2PolarSourceConfig.configDef().validate(props));
        ours.add(check.migrationTypeValue());
        ours.addAll(check.topicCreationValues());
        ours.addAll(check.transactionTimeoutValues());
        ours.addAll(check.messageSizeValues());
        ours.add(check.publicationNameValue());
        RowFilters.badKeys(props)
                .forEach((key, problem) ->
                        ours.add(new ConfigValue(key, props.get(key), List.of(), new ArrayList<>(List.of(problem)))));
        // no connection needed: a filter that is not one expression is refused even when the source cannot be reached
        RowFilters.from(props)
                .conditions()
                .forEach((table, condition) -> RowFilters.problemOf(table, condition)
                        .ifPresent(problem -> ours.add(new ConfigValue(
                                RowFilters.keyOf(table), condition, List.of(), new ArrayList<>(List.of(problem))))));
        for (ConfigValue value : ours) {
            ConfigValue existing = values.putIfAbsent(value.name(), value);
            if (existing != null && existing != value) {
                value.errorMessages().forEach(existing::addErrorMessage);
            }
        }
        return new Config(new ArrayList<>(values.values()));
    }

    /** Replaces Debezium's connection test with our precheck, whose messages name the field and the fix. */
    @Override
    protected void validateConnection(Map<String, ConfigValue> configValues, Configuration config) {
        Pg2PolarSourceConfig sourceConfig = new Pg2PolarSourceConfig(config.asMap());
        List<PrecheckFinding> findings =
                new SourcePrecheck(sourceConfig, new PostgresConnectorConfig(config), PRECHECK_TIMEOUT).run();
        PrecheckFindings.attach(findings, configValues);
        if (!sourceConfig.rowFilters().isEmpty() && findings.isEmpty()) {
            PrecheckFindings.attach(checkRowFilters(sourceConfig, new PostgresConnectorConfig(config)), configValues);
        }
    }

    /** Each row filter checked by PostgreSQL itself on the live source. */
    private static List<PrecheckFinding> checkRowFilters(
            Pg2PolarSourceConfig sourceConfig, PostgresConnectorConfig connectorConfig) {
        try (Connection connection =
                sourceConfig.endpoint().connect("pg2polar-precheck", PRECHECK_TIMEOUT, PRECHECK_TIMEOUT)) {
            Set<io.pg2polar.common.sql.TableId> selected = new HashSet<>();
            CapturedTables.list(connection, connectorConfig)
                    .keySet()
                    .forEach(t -> selected.add(new io.pg2polar.common.sql.TableId(t.schema(), t.table())));
            return RowFilterCheck.run(connection, sourceConfig.rowFilters(), selected);
        } catch (SQLException e) {
            return List.of(new PrecheckFinding(
                    RowFilters.PREFIX + "*", "Could not check the row filters on the source: " + e.getMessage()));
        }
    }
}
