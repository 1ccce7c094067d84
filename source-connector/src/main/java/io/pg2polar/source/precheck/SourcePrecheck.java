package io.pg2polar.source.precheck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.debezium.config.Configuration;
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.relational.TableId;

import io.pg2polar.common.jdbc.ConnectionFields;
import io.pg2polar.common.jdbc.ConnectivityCheck;
import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.precheck.PrecheckFinding;
import io.pg2polar.common.precheck.PrecheckItem;
import io.pg2polar.common.precheck.PrecheckReport;
import io.pg2polar.common.precheck.SelectedTables;
import io.pg2polar.source.MigrationType;
import io.pg2polar.source.Pg2PolarSourceConfig;
import io.pg2polar.source.schema.CapturedTables;
import io.pg2polar.source.schema.TableExtensions;

import static io.pg2polar.common.precheck.PrecheckItem.Side.SOURCE;

/**
 * The precheck of the live source, as a report of items (DTS's precheck page): reachable with valid credentials,
 * version, {@code wal_level}, free replication slots and WAL senders, privileges per migration type (USAGE on
 * pg_catalog, SELECT, REPLICATION, the publication's needs or DDL capture's superuser), a replica
 * identity for every table that streams, WAL retention, long-running transactions, the size of the selected data,
 * and for PolarDB-O its {@code ''} rule and the extensions its documentation names. FAIL items go on their config
 * fields in {@code validate()}.
 */
public final class SourcePrecheck {

    static final String HOST_FIELD = "database.hostname";
    static final String USER_FIELD = "database.user";
    /** Transactions open longer than this are reported: a new slot waits for them, and they hold back WAL. */
    static final Duration LONG_TRANSACTION = Duration.ofSeconds(10);

    private static final int LISTED = 20;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Pg2PolarSourceConfig config;
    private final PostgresConnectorConfig connectorConfig;
    private final PgEndpoint endpoint;
    private final MigrationType migrationType;
    private final Duration timeout;

    public SourcePrecheck(Pg2PolarSourceConfig config, PostgresConnectorConfig connectorConfig, Duration timeout) {
        this.config = config;
        this.connectorConfig = connectorConfig;
        this.endpoint = config.endpoint();
        this.migrationType = config.migrationType();
        this.timeout = timeout;
    }

    /**
     * The source precheck of a source connector's configuration as the user gives it to Connect (placeholders
     * resolved, {@code name} included: the slot and publication are named after it), e.g. for a REST endpoint. An
     * unreachable source or a failing query is a FAIL item, not an exception.
     *
     * @throws IllegalArgumentException for an unknown {@code migration.type}
     * @throws org.apache.kafka.common.config.ConfigException for a {@code database.port} that is no number
     */
    public static PrecheckReport report(Map<String, String> sourceConnectorConfig) {
        return forConfig(sourceConnectorConfig).report();
    }

    /**
     * The tables the configuration selects (Debezium's include/exclude lists, as {@link CapturedTables} applies
     * them), their total size on the source and the extensions they need, for the target's checks.
     */
    public static SelectedTables selection(Map<String, String> sourceConnectorConfig) throws SQLException {
        SourcePrecheck precheck = forConfig(sourceConnectorConfig);
        try (Connection connection =
                precheck.endpoint.connect("pg2polar-precheck", precheck.timeout, precheck.timeout)) {
            Map<TableId, Long> captured = CapturedTables.list(connection, precheck.connectorConfig);
            List<TableId> tables = List.copyOf(captured.keySet());
            return new SelectedTables(
                    tables.stream()
                            .map(t -> new io.pg2polar.common.sql.TableId(t.schema(), t.table()))
                            .toList(),
                    SourceChecks.totalBytes(connection, tables),
                    TableExtensions.read(connection, captured.values()));
        }
    }

    private static SourcePrecheck forConfig(Map<String, String> sourceConnectorConfig) {
        Pg2PolarSourceConfig config = new Pg2PolarSourceConfig(sourceConnectorConfig);
        return new SourcePrecheck(
                config, new PostgresConnectorConfig(Configuration.from(config.debeziumProps())), DEFAULT_TIMEOUT);
    }

    /** The FAIL items as findings; an empty list means the source is ready. */
    public List<PrecheckFinding> run() {
        return report().failures();
    }

    public PrecheckReport report() {
        List<PrecheckItem> items = new ArrayList<>();
        Optional<ConnectivityCheck.Failure> loginFailure =
                ConnectivityCheck.probe(endpoint, ConnectionFields.SOURCE, timeout);
        if (loginFailure.isPresent()) {
            items.add(PrecheckItem.fail(
                    "source.reachable",
                    SOURCE,
                    loginFailure.get().field(),
                    "Source reachable",
                    loginFailure.get().message(),
                    ""));
            return new PrecheckReport(items);
        }
        items.add(PrecheckItem.pass(
                "source.reachable", SOURCE, HOST_FIELD, "Source reachable", "Connected to " + endpoint.describe()));
        try (Connection connection = endpoint.connect("pg2polar-precheck", timeout, timeout)) {
            Map<TableId, Long> captured = CapturedTables.list(connection, connectorConfig);
            List<TableId> tables = List.copyOf(captured.keySet());
            SourceChecks checks = new SourceChecks(connection, endpoint, migrationType, tables, config.slotName());
            items.add(checks.version());
            items.add(checks.catalogUsage());
            if (migrationType != MigrationType.INCREMENTAL) {
                items.add(checks.selectPrivilege(LISTED));
            }
            items.add(checks.sequencePrivilege(LISTED));
            if (migrationType.streams()) {
                items.add(checks.walLevel());
                items.add(checks.replicationPrivilege());
                if (config.ddlCapture()) {
                    // DDL capture's superuser also creates the publication FOR ALL TABLES: one item says it
                    items.add(checks.ddlCapturePrivilege());
                } else {
                    items.add(new PublicationPrivilege(connection, endpoint)
                            .check(
                                    config.publicationName(),
                                    config.debeziumProps().getOrDefault("publication.autocreate.mode", "filtered"),
                                    !config.rowFilters().isEmpty(),
                                    tables,
                                    LISTED));
                }
                items.add(checks.replicationSlots());
                items.add(checks.walSenders());
                items.add(checks.replicaIdentity(config.replicaIdentityAutoset(), LISTED));
                items.add(checks.walRetention());
                items.add(checks.longTransactions(LONG_TRANSACTION));
            }
            if (migrationType.streams() || !config.copiesSnapshot()) {
                // Debezium reads the rows of a row snapshot and every streamed change by name
                items.add(TableNameCheck.check(connection, captured, LISTED));
            }
            items.add(TopicCollisionCheck.check(connectorConfig, tables, LISTED));
            items.add(checks.dataSize());
            if (config.targetIsPolarDb()) {
                items.add(emptyStrings(connection));
                items.add(PolarDbExtensionsCheck.run(connection, captured.values()));
            }
        } catch (SQLException e) {
            items.add(PrecheckItem.fail(
                    "source.queries",
                    SOURCE,
                    HOST_FIELD,
                    "Source catalog readable",
                    "Precheck of the source database " + endpoint.describe() + " failed: " + e.getMessage(),
                    "Check that the account may read pg_catalog."));
        }
        return new PrecheckReport(items);
    }

    private PrecheckItem emptyStrings(Connection connection) throws SQLException {
        List<String> columns = EmptyStringCheck.run(connection, connectorConfig);
        if (columns.isEmpty()) {
            return PrecheckItem.pass(
                    "source.polardb_empty_strings",
                    SOURCE,
                    Pg2PolarSourceConfig.TARGET_DIALECT,
                    "No '' in NOT NULL text columns",
                    "No NOT NULL text column holds ''");
        }
        return PrecheckItem.fail(
                "source.polardb_empty_strings",
                SOURCE,
                Pg2PolarSourceConfig.TARGET_DIALECT,
                "No '' in NOT NULL text columns",
                "PolarDB-O stores '' as NULL, so these NOT NULL columns would reject rows holding '': "
                        + String.join(", ", columns) + ".",
                "Replace the empty strings on the source (e.g. UPDATE ... SET col = ' ' WHERE col = ''), or drop NOT NULL from those"
                        + " columns on both sides, before migrating.");
    }

    static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static <T> List<T> queryList(Connection connection, String sql, Map<Integer, Object> params, RowReader<T> reader)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Map.Entry<Integer, Object> param : params.entrySet()) {
                statement.setObject(param.getKey(), param.getValue());
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        }
    }

    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }
}
