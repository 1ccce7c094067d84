package io.pg2polar.it;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docker/docker-compose.yml stays usable though no Docker engine runs here, checked with nothing but the JDK: it is
 * valid against the Compose Specification's JSON schema (a copy in the test resources, see compose-spec/SOURCE.md),
 * and what users rely on holds: images at the versions this build tests, the plugin archives this build produced
 * unzipped where the worker's {@code plugin.path} looks, every variable the connector configurations read set to
 * the matching service, the target on PolarDB-O's port 1521. The compose CLI's own check ({@code config}) runs
 * too where the CLI is installed; with {@code -Dpg2polar.compose.cli=required} (as {@code .ci/run} sets) a missing
 * CLI fails the run, otherwise the test says it did not run and is reported skipped.
 */
class DockerComposeFileIT {

    private static final Path DOCKER_DIR = Path.of(System.getProperty("pg2polar.docker.dir", "../docker"));
    private static final Path COMPOSE_FILE = DOCKER_DIR.resolve("docker-compose.yml");
    private static final Path CONFIGS_DIR =
            Path.of(System.getProperty("pg2polar.connect.configs", "../connect-configs"));
    private static final String VERSION = System.getProperty("pg2polar.project.version");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)}");

    private static JsonNode compose;
    private static JsonNode services;

    @BeforeAll
    static void readTheFile() throws IOException {
        compose = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE_FILE.toFile());
        services = compose.path("services");
    }

    @Test
    void theFileIsValidAgainstTheComposeSpecification() {
        // loaded by its classpath location, against which the schema's relative $id resolves
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("classpath:compose-spec/compose-spec.json"));
        List<com.networknt.schema.Error> errors = schema.validate(compose);
        assertTrue(errors.isEmpty(), "docker-compose.yml breaks the Compose Specification: " + errors);
        // the check has teeth: a misspelt key and a wrongly typed value are both found
        JsonNode broken = compose.deepCopy();
        ((ObjectNode) broken.path("services").path("target")).put("imagee", "postgres:14");
        ((ObjectNode) broken.path("services").path("connect")).put("ports", 8083);
        assertEquals(2, schema.validate(broken).size(), schema.validate(broken).toString());
    }

    @Test
    void imagesAreTheVersionsThisBuildTests() {
        String kafka = "apache/kafka:" + System.getProperty("pg2polar.build.kafka.version");
        assertEquals(kafka, image("kafka"), "the broker runs the Kafka the plugins are built against");
        assertEquals(kafka, image("connect"), "the worker runs the Kafka the plugins are built against");
        assertEquals("postgres:" + major(System.getProperty("pg2polar.build.pg.source.version")), image("source"));
        assertEquals("postgres:" + major(System.getProperty("pg2polar.build.pg.target.version")), image("target"));
        services.fields().forEachRemaining(service -> {
            String image = service.getValue().path("image").asText();
            assertTrue(
                    image.matches("[^:]+:[^:]+") && !image.endsWith(":latest"),
                    service.getKey() + " must name a pinned image tag: " + image);
        });
        assertTrue(
                services.path("source").path("command").toString().contains("wal_level=logical"),
                "the source must decode WAL");
    }

    @Test
    void mountsThePluginArchivesThisBuildProducedWhereTheWorkerLoadsPlugins() throws IOException {
        String pluginPath = workerProperties().getProperty("plugin.path");
        List<String> unzip = volumes("plugins");
        for (String module : List.of("source-connector", "sink-connector")) {
            String archive = "../" + module + "/target/pg2polar-" + module + "-" + VERSION + "-plugin.zip";
            assertTrue(
                    unzip.stream().anyMatch(v -> v.startsWith(archive + ":/archives/") && v.endsWith(".zip:ro")),
                    "docker-compose.yml must mount " + archive
                            + " into /archives/ of the plugins service (update it when the version changes): " + unzip);
            assertTrue(Files.exists(DOCKER_DIR.resolve(archive)), "the build did not produce " + archive);
        }
        assertTrue(
                services.path("plugins").path("command").toString().contains("-d " + pluginPath),
                "the archives must be unzipped into " + pluginPath);
        assertTrue(
                unzip.contains("plugins:" + pluginPath),
                "the plugins service must fill the volume at " + pluginPath + ": " + unzip);
        assertTrue(
                volumes("connect").contains("plugins:" + pluginPath + ":ro"),
                "the worker must see the volume at its plugin.path " + pluginPath);
        assertTrue(compose.path("volumes").has("plugins"));
        for (String service : List.of("plugins", "connect", "register")) {
            for (String volume : volumes(service)) {
                String source = volume.substring(0, volume.indexOf(':'));
                if (source.startsWith(".")) {
                    assertTrue(
                            Files.exists(DOCKER_DIR.resolve(source)),
                            service + " mounts " + source + ", which does not exist");
                }
            }
        }
    }

    @Test
    void theWorkerHasEveryVariableTheConnectorConfigurationsRead() throws IOException {
        JsonNode environment = services.path("connect").path("environment");
        Pattern allowed =
                Pattern.compile(workerProperties().getProperty("config.providers.env.param.allowlist.pattern"));
        Set<String> read = new TreeSet<>();
        for (String file : List.of("source.json", "sink.json")) {
            Matcher reference = ENV_REFERENCE.matcher(Files.readString(CONFIGS_DIR.resolve(file)));
            while (reference.find()) {
                read.add(reference.group(1));
            }
        }
        assertEquals(
                10,
                read.size(),
                "source.json and sink.json read host, port, database, user and password of both sides: " + read);
        for (String variable : read) {
            assertTrue(
                    environment.has(variable),
                    "the connect service must set " + variable + ", which connect-configs/ reads");
            assertTrue(
                    allowed.matcher(variable).matches(), variable + " is outside the worker's env provider allowlist");
        }
        for (String side : List.of("source", "target")) {
            JsonNode server = services.path(side).path("environment");
            String prefix = "PG2POLAR_" + side.toUpperCase(java.util.Locale.ROOT) + "_";
            assertEquals(
                    side,
                    environment.path(prefix + "HOST").asText(),
                    "the worker reaches the " + side + " service by its name");
            assertEquals(
                    server.path("POSTGRES_DB").asText(),
                    environment.path(prefix + "DB").asText(),
                    side + " database");
            assertEquals(
                    server.path("POSTGRES_PASSWORD").asText(),
                    environment.path(prefix + "PASSWORD").asText(),
                    side + " password");
            assertEquals("postgres", environment.path(prefix + "USER").asText(), side + " user: the image's superuser");
        }
        assertEquals("5432", environment.path("PG2POLAR_SOURCE_PORT").asText());
    }

    @Test
    void theTargetListensOnPolarDbPort1521() {
        JsonNode target = services.path("target");
        assertTrue(
                target.path("command").toString().contains("port=1521"),
                "the target server must listen on 1521: " + target.path("command"));
        assertEquals(
                "1521",
                target.path("environment").path("PGPORT").asText(),
                "the image's tools (pg_isready) must use 1521");
        assertTrue(
                target.path("ports").toString().contains("\"1521:1521\""),
                "1521 must be published: " + target.path("ports"));
        assertTrue(
                target.path("healthcheck").path("test").toString().contains("-p 1521"),
                "the health check must ask port 1521");
        assertEquals(
                "1521",
                services.path("connect")
                        .path("environment")
                        .path("PG2POLAR_TARGET_PORT")
                        .asText());
    }

    /**
     * {@code docker compose config} (the CLI plugin) or {@code docker-compose config} (v1): the CLI's own reading of the
     * file, interpolation included. Needs no engine.
     */
    @Test
    void composeCliAcceptsTheFile() throws IOException, InterruptedException {
        Optional<List<String>> cli = composeCli();
        if (cli.isEmpty()) {
            String why = "Neither 'docker compose' nor 'docker-compose' is installed, so the compose CLI's own check of"
                    + " docker/docker-compose.yml did not run (the schema and content checks of this class did). Install Debian's"
                    + " docker-compose package to run it, as .ci/run does";
            if ("required".equals(System.getProperty("pg2polar.compose.cli"))) {
                fail(why + "; -Dpg2polar.compose.cli=required makes this a failure.");
            }
            System.out.println("DockerComposeFileIT: SKIPPED composeCliAcceptsTheFile: " + why);
            assumeTrue(false, why);
        }
        List<String> command = new ArrayList<>(cli.get());
        command.addAll(List.of("-f", COMPOSE_FILE.toString(), "config", "--quiet"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "compose config did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + " rejected the file:\n" + output);
    }

    private static String image(String service) {
        return services.path(service).path("image").asText();
    }

    private static String major(String zonkyVersion) {
        return zonkyVersion.substring(0, zonkyVersion.indexOf('.'));
    }

    private static List<String> volumes(String service) {
        List<String> volumes = new ArrayList<>();
        services.path(service).path("volumes").forEach(v -> volumes.add(v.asText()));
        return volumes;
    }

    private static Properties workerProperties() throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(CONFIGS_DIR.resolve("connect-distributed.properties"))) {
            props.load(in);
        }
        return props;
    }

    private static Optional<List<String>> composeCli() throws InterruptedException {
        if (succeeds("docker", "compose", "version")) {
            return Optional.of(List.of("docker", "compose"));
        }
        if (succeeds("docker-compose", "version")) {
            return Optional.of(List.of("docker-compose"));
        }
        return Optional.empty();
    }

    private static boolean succeeds(String... command) throws InterruptedException {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
