package io.pg2polar.common.schema;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A user-defined type a table's columns use: enum ({@code e}), domain ({@code d}) or composite ({@code c}).
 * A table's list holds the types in creation order, those others are built on first.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TypeDefinition(
        String schema,
        String name,
        String kind,
        List<String> labels,
        String baseType,
        boolean notNull,
        @JsonProperty("default") String default_,
        List<String> checks,
        List<Attribute> attributes) {

    /** One attribute of a composite type. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attribute(String name, String type) {}
}
