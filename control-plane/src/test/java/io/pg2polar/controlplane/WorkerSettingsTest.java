package io.pg2polar.controlplane;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkerSettingsTest {

    @Test
    void placeholdersAreResolvedWithTheWorkersConfigProviders() {
        // as Connect hands them to extensions: without the config.providers list itself
        Map<String, Object> worker = Map.of(
                "config.providers.env.class",
                "org.apache.kafka.common.config.provider.EnvVarConfigProvider",
                "config.providers.env.param.allowlist.pattern",
                "^PATH$",
                "listeners",
                "http://0.0.0.0:18083",
                "bootstrap.servers",
                "k:9092");
        try (WorkerSettings settings = WorkerSettings.from(worker)) {
            Map<String, String> resolved =
                    settings.resolve(Map.of("database.hostname", "${env:PATH}", "plain", "value"));
            assertEquals(System.getenv("PATH"), resolved.get("database.hostname"));
            assertEquals("value", resolved.get("plain"));
            assertEquals(URI.create("http://127.0.0.1:18083"), settings.restUrl());
            assertEquals(Map.of("bootstrap.servers", "k:9092"), settings.kafkaClientProps());
        }
    }
}
