package io.pg2polar.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.debezium.config.CommonConnectorConfig;
import io.debezium.config.Configuration;
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.spi.topic.TopicNamingStrategy;

import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.precheck.PrecheckReport;
import io.pg2polar.common.precheck.SelectedTables;
import io.pg2polar.common.source.SourceConnectorSettings;
import io.pg2polar.common.source.SourceConnectorSettingsProvider;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.source.precheck.SourcePrecheck;
import io.pg2polar.source.schema.CapturedTables;

/** Answers the control plane's questions about a source connector's configuration with this plugin's own classes. */
public final class SourceSettingsProvider implements SourceConnectorSettingsProvider {

    @Override
    public SourceConnectorSettings parse(Map<String, String> sourceConnectorConfig) {
        return new Settings(sourceConnectorConfig, new Pg2PolarSourceConfig(sourceConnectorConfig));
    }

    private record Settings(Map<String, String> userConfig, Pg2PolarSourceConfig config)
            implements SourceConnectorSettings {

        @Override
        public PgEndpoint endpoint() {
            return config.endpoint();
        }

        @Override
        public String slotName() {
            return config.slotName();
        }

        @Override
        public String publicationName() {
            return config.publicationName();
        }

        @Override
        public boolean streams() {
            return config.migrationType().streams();
        }

        @Override
        public List<TableId> capturedTables(Connection source) throws SQLException {
            return CapturedTables.list(source, new PostgresConnectorConfig(Configuration.from(config.debeziumProps())))
                    .keySet()
                    .stream()
                    .map(t -> new TableId(t.schema(), t.table()))
                    .toList();
        }

        @Override
        public Function<TableId, String> topicNaming() {
            PostgresConnectorConfig connectorConfig =
                    new PostgresConnectorConfig(Configuration.from(config.debeziumProps()));
            TopicNamingStrategy<io.debezium.relational.TableId> topics =
                    connectorConfig.getTopicNamingStrategy(CommonConnectorConfig.TOPIC_NAMING_STRATEGY);
            return table ->
                    topics.dataChangeTopic(new io.debezium.relational.TableId(null, table.schema(), table.table()));
        }

        @Override
        public PrecheckReport precheck() {
            return SourcePrecheck.report(userConfig);
        }

        @Override
        public SelectedTables selection() throws SQLException {
            return SourcePrecheck.selection(userConfig);
        }
    }
}
