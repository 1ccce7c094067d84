package io.pg2polar.common.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A sequence a table owns (a serial column's) or whose {@code nextval} one of its defaults calls.
 *
 * @param ownedBy the owning column of the table, or null for a standalone sequence
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SequenceDefinition(
        String schema,
        String name,
        String type,
        long start,
        long increment,
        long min,
        long max,
        long cache,
        boolean cycle,
        String ownedBy) {}
