package io.pg2polar.it.kit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.DatabaseComparison.Side;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

/**
 * A migration between two fresh databases, {@code <name>_src} on the source server and {@code <name>_tgt} on the
 * target, by the connectors of {@code connect-configs/} named {@code <name>-source} and {@code <name>-sink}:
 * created, compared row by row, and removed again by {@link #close()} (connectors, replication slot, both databases
 * with the source's publication).
 *
 * <pre>{@code
 * try (TwoDatabaseMigration migration = TwoDatabaseMigration.create(env, "kinds").onSource(DDL + ROWS).onTarget(DDL)) {
 *     migration.start(Map.of(), Map.of("conflict.mode", "ignore"));
 *     migration.awaitIdentical(TABLES, Duration.ofMinutes(3));
 * }
 * }</pre>
 */
public final class TwoDatabaseMigration implements AutoCloseable {

    private final MigrationEnvironment env;
    private final String name;
    private final Side source;
    private final Side target;
    private Definition sourceConnector;
    private Definition sinkConnector;

    private TwoDatabaseMigration(MigrationEnvironment env, String name) {
        this.env = env;
        this.name = name;
        this.source = new Side(env.source(), name + "_src");
        this.target = new Side(env.target(), name + "_tgt");
    }

    /** Creates the empty databases {@code <name>_src} and {@code <name>_tgt}, dropping any left over from an earlier run. */
    public static TwoDatabaseMigration create(MigrationEnvironment env, String name) {
        TwoDatabaseMigration migration = new TwoDatabaseMigration(env, name);
        env.source().createDatabase(migration.sourceDatabase());
        env.target().createDatabase(migration.targetDatabase());
        return migration;
    }

    /** Runs SQL in the source database, as superuser. */
    public TwoDatabaseMigration onSource(String sql) {
        env.source().execute(sourceDatabase(), sql);
        return this;
    }

    /** Runs SQL in the target database, as superuser. */
    public TwoDatabaseMigration onTarget(String sql) {
        env.target().execute(targetDatabase(), sql);
        return this;
    }

    /**
     * Gives the target database to a new login account that is no superuser, as on managed targets: it may create its
     * own tables and trusted extensions. An account of that name left from an earlier test is dropped first.
     */
    public TwoDatabaseMigration targetOwnedBy(String owner, String password) {
        env.target()
                .execute(
                        "postgres",
                        "DROP ROLE IF EXISTS " + Identifiers.quote(owner) + "; CREATE ROLE " + Identifiers.quote(owner)
                                + " LOGIN PASSWORD '" + password.replace("'", "''") + "'; ALTER DATABASE "
                                + Identifiers.quote(targetDatabase()) + " OWNER TO "
                                + Identifiers.quote(owner));
        return this;
    }

    /** Registers the shipped source and sink configurations, unchanged but for the names and databases. */
    public TwoDatabaseMigration start() {
        return start(Map.of(), Map.of());
    }

    /** Registers the shipped configurations with these settings changed (see {@link ConnectorConfigs}). */
    public TwoDatabaseMigration start(Map<String, String> sourceChanges, Map<String, String> sinkChanges) {
        return startSource(sourceChanges).startSink(sinkChanges);
    }

    /** Registers connectors the test defined itself, e.g. with topics renamed between them; they are deleted on close. */
    public TwoDatabaseMigration start(Definition sourceDefinition, Definition sinkDefinition) {
        return startSource(sourceDefinition).startSink(sinkDefinition);
    }

    /** Registers only the source connector, the shipped configuration with these settings changed. */
    public TwoDatabaseMigration startSource(Map<String, String> changes) {
        return startSource(ConnectorConfigs.source(name, sourceDatabase(), changes));
    }

    /** Registers only the sink connector, the shipped configuration with these settings changed. */
    public TwoDatabaseMigration startSink(Map<String, String> changes) {
        return startSink(ConnectorConfigs.sink(name, targetDatabase(), changes));
    }

    private TwoDatabaseMigration startSource(Definition definition) {
        // kept before the call, so that close() removes it even when the worker refuses it
        sourceConnector = definition;
        env.rest().putConnector(definition.name(), definition.config());
        return this;
    }

    private TwoDatabaseMigration startSink(Definition definition) {
        sinkConnector = definition;
        env.rest().putConnector(definition.name(), definition.config());
        return this;
    }

    /** Waits until both connectors and all their tasks run. */
    public TwoDatabaseMigration awaitRunning(Duration timeout) {
        env.rest().awaitRunning(sourceConnector.name(), timeout);
        env.rest().awaitRunning(sinkConnector.name(), timeout);
        return this;
    }

    /** Waits until every row of each table is equal on both sides; on timeout fails naming each difference. */
    public void awaitIdentical(List<TableId> tables, Duration timeout) {
        DatabaseComparison.awaitIdentical(source, target, tables, timeout);
    }

    /** Asserts, once, that every row of each table is equal on both sides. */
    public void assertIdentical(List<TableId> tables) {
        DatabaseComparison.assertIdentical(source, target, tables);
    }

    /** Every row of a table on the target, as text, sorted ({@link DatabaseComparison#rows}). */
    public List<String> targetRows(TableId table) {
        return DatabaseComparison.rows(target, table);
    }

    public Side source() {
        return source;
    }

    public Side target() {
        return target;
    }

    public String sourceDatabase() {
        return source.database();
    }

    public String targetDatabase() {
        return target.database();
    }

    public Definition sourceConnector() {
        return sourceConnector;
    }

    public Definition sinkConnector() {
        return sinkConnector;
    }

    /**
     * Deletes both connectors, drops the source database's replication slots once released, and drops both databases
     * (the publication goes with the source's): the shared servers are as they were before.
     */
    @Override
    public void close() {
        for (Definition connector : new Definition[] {sinkConnector, sourceConnector}) {
            if (connector != null) {
                env.rest().deleteIfExists(connector.name());
            }
        }
        Slots.dropAll(env.source(), sourceDatabase());
        env.source().dropDatabase(sourceDatabase());
        env.target().dropDatabase(targetDatabase());
    }
}
