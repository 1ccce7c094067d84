package io.pg2polar.quickstart;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pg2polar.common.jdbc.ConnectionFields;
import io.pg2polar.common.naming.ReplicationNames;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.servers.TempDirectory;
import io.pg2polar.servers.connect.ConnectRestClient;
import io.pg2polar.servers.connect.ConnectWorker;
import io.pg2polar.servers.connect.ConnectorConfigFiles;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.servers.connect.PluginDirectory;
import io.pg2polar.servers.kafka.KafkaBroker;
import io.pg2polar.servers.postgres.ExternalPostgresServer;
import io.pg2polar.servers.postgres.PostgresServer;
import io.pg2polar.servers.postgres.PostgresServers;

/**
 * A migration on an embedded single-node Kafka broker and Connect worker, started the way users start one: the
 * plugins unzipped into the worker's plugin.path, {@code connect-configs/source.json} and {@code sink.json}
 * registered unchanged through the REST API, connection settings in the worker's environment.
 */
final class Quickstart implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(3);
    static final String DEMO_SOURCE_DB = "shop_source";
    static final String DEMO_TARGET_DB = "shop_target";

    private final PrintStream out;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private PostgresServer source;
    private PostgresServer target;
    private String sourceDatabase;
    private String targetDatabase;
    private DemoDatabase demo;
    private ConnectWorker worker;
    private Definition sourceConnector;
    private Definition sinkConnector;

    private Quickstart(PrintStream out) {
        this.out = out;
    }

    /** Starts the servers and the migration; returns once both connectors run. */
    static Quickstart start(QuickstartOptions options, PrintStream out) {
        Quickstart quickstart = new Quickstart(out);
        try {
            quickstart.startDatabases(options);
            quickstart.startConnect();
            return quickstart;
        } catch (RuntimeException e) {
            quickstart.close();
            throw e;
        }
    }

    private void startDatabases(QuickstartOptions options) {
        if (options.demo()) {
            out.println("Starting an embedded PostgreSQL 17 source and PostgreSQL 14 target ...");
            source = remember(PostgresServers.start(PostgresServers.Role.SOURCE));
            target = remember(PostgresServers.start(PostgresServers.Role.TARGET));
            sourceDatabase = DEMO_SOURCE_DB;
            targetDatabase = DEMO_TARGET_DB;
            demo = remember(DemoDatabase.create(source, sourceDatabase));
            target.createDatabase(targetDatabase);
            out.println("Demo source " + source.describe() + "/" + sourceDatabase
                    + ": schema shop with 8,500 rows; a live writer keeps changing them.");
        } else {
            source = external("--source", options.sourceUrl());
            target = external("--target", options.targetUrl());
            sourceDatabase = ExternalPostgresServer.databaseOf(options.sourceUrl());
            targetDatabase = ExternalPostgresServer.databaseOf(options.targetUrl());
        }
    }

    private static ExternalPostgresServer external(String option, String jdbcUrl) {
        try {
            return ExternalPostgresServer.fromUrl(jdbcUrl);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    option + ": " + e.getMessage()
                            + " Correct the URL's host, port, database, user or password, or let the account connect (pg_hba.conf).",
                    e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    private void startConnect() {
        out.println("Starting a KRaft Kafka broker and a Connect worker with the pg2polar plugins ...");
        KafkaBroker broker = remember(KafkaBroker.start());
        try {
            Path workDir = Files.createTempDirectory(TempDirectory.ensure(), "pg2polar-quickstart-");
            Path plugins = PluginDirectory.installFromBuild(workDir.resolve("plugins"));
            worker = remember(ConnectWorker.start(
                    broker.bootstrapServers(), plugins, workDir.resolve("worker"), environment(), Map.of()));
            // Ctrl-C runs close(), which needs the worker alive to delete the connectors
            worker.leaveShutdownToOwner();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("Connect REST API at " + worker.restUrl() + "; worker log " + worker.logFile());
        sourceConnector = ConnectorConfigFiles.withTls(
                ConnectorConfigFiles.source(), ConnectionFields.SOURCE, source.superuser(sourceDatabase));
        sinkConnector = ConnectorConfigFiles.withTls(
                ConnectorConfigFiles.sink(), ConnectionFields.TARGET, target.superuser(targetDatabase));
        ConnectRestClient rest = worker.rest();
        out.println("PUT " + worker.restUrl() + "/connectors/" + sourceConnector.name()
                + "/config  (connect-configs/source.json)");
        rest.putConnector(sourceConnector.name(), sourceConnector.config());
        out.println("PUT " + worker.restUrl() + "/connectors/" + sinkConnector.name()
                + "/config  (connect-configs/sink.json)");
        rest.putConnector(sinkConnector.name(), sinkConnector.config());
        rest.awaitRunning(sourceConnector.name(), STARTUP);
        rest.awaitRunning(sinkConnector.name(), STARTUP);
        String migration =
                sourceConnector.name().substring(0, sourceConnector.name().length() - "-source".length());
        out.println("Migration console: " + worker.restUrl() + "/pg2polar/ui/#/m/" + migration
                + "  (open it in a browser)");
        if (demo != null) {
            demo.startWriting(5);
        }
    }

    /** The ten variables connect-configs/*.json read through the worker's EnvVarConfigProvider. */
    private Map<String, String> environment() {
        return ConnectorConfigFiles.environment(source.superuser(sourceDatabase), target.superuser(targetDatabase));
    }

    /** Prints progress every {@code interval} until {@code deadline} (null: until interrupted). */
    void streamUntil(Instant deadline, Duration interval) throws InterruptedException {
        Instant started = Instant.now();
        ProgressReport report =
                new ProgressReport(worker.rest(), source, sourceDatabase, target, targetDatabase, slot(), migration());
        List<String> connectors = List.of(sourceConnector.name(), sinkConnector.name());
        while (deadline == null || Instant.now().isBefore(deadline)) {
            out.print(report.render(Duration.between(started, Instant.now()), connectors, tables()));
            out.flush();
            Thread.sleep(interval.toMillis());
        }
    }

    /** The demo's tables, or every user table of the user's source database. */
    List<TableId> tables() {
        if (demo != null) {
            return DemoDatabase.TABLES;
        }
        List<TableId> tables = new ArrayList<>();
        try (Connection connection = source.connect(sourceDatabase);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg2polar')
                          AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1, 2""")) {
            while (rs.next()) {
                tables.add(new TableId(rs.getString(1), rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list the source tables: " + e.getMessage(), e);
        }
        return tables;
    }

    /** Stops the demo's live writer, so the target can catch up completely. */
    void stopWriter() {
        if (demo != null) {
            demo.stopWriting();
        }
    }

    ConnectWorker worker() {
        return worker;
    }

    PostgresServer source() {
        return source;
    }

    PostgresServer target() {
        return target;
    }

    String sourceDatabase() {
        return sourceDatabase;
    }

    String targetDatabase() {
        return targetDatabase;
    }

    /** A migration {@code <name>} is the connector pair {@code <name>-source} and {@code <name>-sink}. */
    private String migration() {
        return sourceConnector.name().replaceFirst("-source$", "");
    }

    private String slot() {
        return ReplicationNames.forConnector(sourceConnector.name());
    }

    /** Deletes the connectors, removes what the migration created on the source and stops every server it started. */
    @Override
    public void close() {
        if (worker != null && sourceConnector != null) {
            try {
                worker.rest().deleteIfExists(sinkConnector.name());
                worker.rest().deleteIfExists(sourceConnector.name());
            } catch (RuntimeException e) {
                // Ctrl-C in a terminal stops the worker's JVM too (SIGINT goes to the whole process group): its
                // tasks are stopped already and the connectors go away with the embedded broker
                out.println("The Connect worker has stopped already; its connectors go away with the embedded broker.");
            }
            // an embedded source goes away with its data; a user's source must not keep our slot
            if (demo == null) {
                SourceCleanup.run(source, sourceDatabase, slot(), out);
            }
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                out.println("Stopping " + resources.get(i) + " failed: " + e.getMessage());
            }
        }
    }

    private <T extends AutoCloseable> T remember(T resource) {
        resources.add(resource);
        return resource;
    }
}
