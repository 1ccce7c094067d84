package io.pg2polar.sink.catalog;

/**
 * One column of a target table as the target's catalog describes it.
 *
 * @param type      the SQL type as {@code format_type} prints it, e.g. {@code numeric(12,2)}, ready for a cast
 * @param generated a stored generated column: never written, the target computes it
 * @param identityAlways a {@code GENERATED ALWAYS AS IDENTITY} column: written with {@code OVERRIDING SYSTEM VALUE}
 */
public record TargetColumn(String name, String type, boolean generated, boolean identityAlways) {}
