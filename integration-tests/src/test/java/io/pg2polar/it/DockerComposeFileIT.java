package io.pg2polar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * docker/docker-compose.yml stays usable though no Docker engine runs here: the compose CLI accepts it (config
 * needs no engine) and it mounts the plugin archives this build produced, by their current names.
 */
class DockerComposeFileIT {

    private static final Path DOCKER_DIR = Path.of(System.getProperty("pg2polar.docker.dir", "../docker"));
    private static final Path COMPOSE_FILE = DOCKER_DIR.resolve("docker-compose.yml");
    private static final String VERSION = System.getProperty("pg2polar.project.version");

    @Test
    void composeCliAcceptsTheFile() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(composeCli());
        command.addAll(List.of("-f", COMPOSE_FILE.toString(), "config", "--quiet"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "compose config did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + " rejected the file:\n" + output);
    }

    @Test
    void mountsThePluginArchivesThisBuildProduced() throws IOException {
        String compose = Files.readString(COMPOSE_FILE);
        for (String module : List.of("source-connector", "sink-connector")) {
            String archive = "pg2polar-" + module + "-" + VERSION + "-plugin.zip";
            assertTrue(compose.contains("../" + module + "/target/" + archive),
                    "docker-compose.yml must mount ../" + module + "/target/" + archive + " (update it when the version changes)");
            assertTrue(Files.exists(DOCKER_DIR.resolve("../" + module + "/target/" + archive)), "the build did not produce " + archive);
        }
    }

    /** {@code docker compose} (the CLI plugin) or {@code docker-compose} (v1); failing, not skipping, without either. */
    private static List<String> composeCli() throws IOException, InterruptedException {
        if (succeeds("docker", "compose", "version")) {
            return List.of("docker", "compose");
        }
        if (succeeds("docker-compose", "version")) {
            return List.of("docker-compose");
        }
        throw new AssertionError("Neither 'docker compose' nor 'docker-compose' is installed; install Debian's docker-compose"
                + " package (apt-get install -y docker-compose, as .ci/run does) to validate docker/docker-compose.yml");
    }

    private static boolean succeeds(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (IOException e) {
            return false;
        }
    }
}
