package io.pg2polar.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.pg2polar.servers.TempDirectory;
import io.pg2polar.servers.connect.ConnectWorker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * connect-configs/connect-log4j2.yaml, which docker/docker-compose.yml gives its Connect worker, works with the
 * worker's own log4j2 and YAML jars: INFO lines reach the console and {@code connect.log}, Debezium's
 * "queue is full" warnings do not.
 */
class ShippedLogConfigIT {

    private static final Path CONFIG =
            Path.of(System.getProperty("pg2polar.connect.configs", "../connect-configs"), "connect-log4j2.yaml");

    @Test
    void keepsTheWorkersInfoAndDropsDebeziumsQueueFullWarnings() throws Exception {
        Path logsDir = Files.createTempDirectory(TempDirectory.ensure(), "log-config-");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        workerClasspath(),
                        "-Dlog4j2.configurationFile=" + CONFIG.toAbsolutePath(),
                        "-Dkafka.logs.dir=" + logsDir,
                        probeSource().toString())
                .redirectErrorStream(true)
                .start();
        String console = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe did not finish");
        assertEquals(0, process.exitValue(), console);

        String file = Files.readString(logsDir.resolve("connect.log"));
        for (String log : List.of(console, file)) {
            assertTrue(log.contains("INFO probe: an INFO line of the worker"), log);
            assertFalse(log.contains("queue is full"), log);
        }
    }

    private static String workerClasspath() throws IOException {
        try (InputStream in = ConnectWorker.class.getResourceAsStream("worker-classpath.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static Path probeSource() throws URISyntaxException {
        return Path.of(
                ShippedLogConfigIT.class.getResource("/log-probe/LogProbe.java").toURI());
    }
}
