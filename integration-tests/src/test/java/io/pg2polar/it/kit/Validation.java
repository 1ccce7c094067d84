package io.pg2polar.it.kit;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads Connect's answer to {@code PUT /connector-plugins/{plugin}/config/validate}. */
public record Validation(JsonNode response) {

    public int errorCount() {
        return response.path("error_count").asInt();
    }

    /** The error messages Connect shows on one field. */
    public List<String> errorsOn(String field) {
        List<String> errors = new ArrayList<>();
        for (JsonNode config : response.path("configs")) {
            if (field.equals(config.path("value").path("name").asText())) {
                config.path("value").path("errors").forEach(e -> errors.add(e.asText()));
            }
        }
        return errors;
    }

    @Override
    public String toString() {
        return response.toPrettyString();
    }
}
