package io.pg2polar.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.servers.TempDirectory;
import io.pg2polar.servers.connect.ConnectRestClient.RestException;
import io.pg2polar.servers.connect.ConnectWorker;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.servers.connect.PluginDirectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged plugin archives are complete: a worker that knows our connectors only through the unzipped
 * archives (ServiceLoader discovery) lists both and runs both, and the archives hold no jar the worker
 * provides.
 */
class PluginArchivesIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    @Test
    void workerLoadsBothPluginsFromTheirArchivesAndRunsThem() {
        List<String> classes = env.rest().connectorPlugins().findValues("class").stream()
                .map(JsonNode::asText)
                .toList();
        assertTrue(classes.contains("io.pg2polar.source.Pg2PolarSourceConnector"), classes.toString());
        assertTrue(classes.contains("io.pg2polar.sink.Pg2PolarSinkConnector"), classes.toString());

        env.source().createDatabase("plugins_src");
        env.target().createDatabase("plugins_tgt");
        env.source()
                .execute(
                        "plugins_src", "CREATE TABLE t (id int PRIMARY KEY, v numeric); INSERT INTO t VALUES (1, 1.5)");
        env.target().execute("plugins_tgt", "CREATE TABLE t (id int PRIMARY KEY, v numeric)");
        Definition source = ConnectorConfigs.source("plugins", "plugins_src", Map.of("migration.type", "full"));
        Definition sink = ConnectorConfigs.sink("plugins", "plugins_tgt", Map.of());
        env.rest().putConnector(source.name(), source.config());
        env.rest().putConnector(sink.name(), sink.config());
        env.rest().awaitRunning(source.name(), Duration.ofMinutes(2));
        env.rest().awaitRunning(sink.name(), Duration.ofMinutes(2));
        env.rest().delete(sink.name());
        env.rest().delete(source.name());
    }

    /** Workers configured before the extension moved to the control plane name it by its former class. */
    @Test
    void workerNamingTheFormerExtensionClassServesMigrations() throws IOException {
        Path workDir = Files.createTempDirectory(TempDirectory.ensure(), "connect-former-extension-");
        Map<String, String> overrides = Map.of(
                "rest.extension.classes",
                "io.pg2polar.source.rest.Pg2PolarRestExtension",
                "plugin.discovery",
                "service_load",
                "group.id",
                "pg2polar-it-former-extension",
                "config.storage.topic",
                "former-extension-configs",
                "offset.storage.topic",
                "former-extension-offsets",
                "status.storage.topic",
                "former-extension-status");
        try (ConnectWorker worker = ConnectWorker.start(
                env.broker().bootstrapServers(),
                PluginDirectory.installFromBuild(workDir.resolve("plugins")),
                workDir.resolve("worker"),
                Map.of(),
                overrides)) {
            RestException missing =
                    assertThrows(RestException.class, () -> worker.rest().get("/pg2polar/migrations/nosuch"));
            assertEquals(404, missing.status(), missing.getMessage());
            assertTrue(missing.body().contains("No connector nosuch-source"), missing.body());
        }
    }

    @Test
    void archivesHoldTheirRuntimeJarsButNoneTheWorkerProvides() throws IOException {
        Path dir = Path.of(System.getProperty("pg2polar.plugin.archives"));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> archives =
                    files.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
            assertEquals(2, archives.size(), archives.toString());
            for (Path archive : archives) {
                List<String> entries = entries(archive);
                assertTrue(
                        entries.stream().anyMatch(e -> e.endsWith("/manifest.json")), archive + " lacks manifest.json");
                assertTrue(entries.stream().anyMatch(e -> e.endsWith("/README.md")), archive + " lacks README.md");
                assertTrue(
                        entries.stream().anyMatch(e -> e.contains("/lib/pg2polar-common-")),
                        archive + " lacks pg2polar-common");
                assertTrue(
                        entries.stream().anyMatch(e -> e.contains("/lib/postgresql-42.")),
                        archive + " lacks the JDBC driver");
                assertTrue(
                        entries.stream()
                                .noneMatch(e ->
                                        e.matches(".*/lib/(kafka-clients|connect-api|connect-runtime|slf4j-api)-.*")),
                        archive + " bundles a jar the worker provides: " + entries);
            }
            assertTrue(
                    entries(archives.get(1)).stream().anyMatch(e -> e.contains("/lib/debezium-connector-postgres-")),
                    "the source archive lacks Debezium");
        }
    }

    private static List<String> entries(Path archive) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            return zip.stream().map(e -> e.getName()).toList();
        }
    }
}
