package io.pg2polar.common.convert;

/**
 * What {@link CachedSchemaJsonConverter} reads from bytes that are not JSON it can convert, in place of failing: the
 * sink task, which knows the record's topic, partition and offset, then names them in its failure or sets the record
 * aside with {@code errors.tolerance=all} (Connect's own failure for a converter names none of them).
 *
 * @param problem why the bytes could not be read
 */
public record Undecodable(String problem) {}
