package io.pg2polar.source.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pg2polar.common.precheck.PrecheckItem;
import io.pg2polar.common.precheck.PrecheckReport;

/**
 * The target's precheck as the sink connector itself validates it (login, foreign-key suspension, conflicting
 * tables, retry windows, name mapping): this worker's validate call, each error an item. The sink's classes live
 * in the other plugin archive, so they are reached the way a user reaches them.
 */
final class TargetValidation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TargetValidation() {
    }

    static PrecheckReport report(WorkerRestClient worker, Map<String, String> sinkConfig, String sinkName) throws IOException {
        Map<String, String> config = new java.util.HashMap<>(sinkConfig);
        config.putIfAbsent("name", sinkName);
        JsonNode answer = JSON.readTree(worker.validate(config.get("connector.class"), JSON.writeValueAsString(config)));
        List<PrecheckItem> items = new ArrayList<>();
        for (JsonNode entry : answer.path("configs")) {
            JsonNode value = entry.path("value");
            for (JsonNode error : value.path("errors")) {
                items.add(PrecheckItem.fail("target." + value.path("name").asText(), value.path("name").asText(), "Sink setting "
                        + value.path("name").asText(), error.asText(), ""));
            }
        }
        if (items.isEmpty()) {
            items.add(PrecheckItem.pass("target.validate", "connection.host", "Target ready", "The sink connector validates: target reachable,"
                    + " privileges, foreign-key suspension, no conflicting tables"));
        }
        return new PrecheckReport("target", items);
    }
}
