package io.pg2polar.common.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A secondary index (not backing a constraint), with its {@code CREATE INDEX} statement from {@code pg_get_indexdef}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IndexDefinition(String name, String definition) {}
