package io.pg2polar.common.precheck;

import java.util.Map;
import java.util.Objects;

import io.pg2polar.common.sink.TargetDialectName;

/**
 * The few sink settings the target's precheck depends on, as plain values (the sink's classes are not on the source
 * plugin's class path).
 *
 * @param connectorName    the sink connector's {@code name}: tables it already applied rows to are no conflict
 * @param applyForeignKeys {@code apply.foreign.keys}: auto, replica-role or hold-back
 * @param conflictMode     {@code conflict.mode}: precheck or ignore
 * @param targetDialect    {@code target.dialect}: postgresql or polardb-o
 */
public record TargetCheckOptions(
        String connectorName, String applyForeignKeys, String conflictMode, String targetDialect) {

    public TargetCheckOptions {
        Objects.requireNonNull(connectorName, "connectorName");
        Objects.requireNonNull(applyForeignKeys, "applyForeignKeys");
        Objects.requireNonNull(conflictMode, "conflictMode");
        Objects.requireNonNull(targetDialect, "targetDialect");
    }

    public TargetCheckOptions(String connectorName, String applyForeignKeys, String conflictMode) {
        this(connectorName, applyForeignKeys, conflictMode, TargetDialectName.POSTGRESQL.value());
    }

    /** From a sink connector's configuration, with the sink's defaults where a key is missing. */
    public static TargetCheckOptions fromSinkConfig(Map<String, String> sinkConfig) {
        return new TargetCheckOptions(
                sinkConfig.getOrDefault("name", ""),
                sinkConfig.getOrDefault(TargetChecks.FOREIGN_KEYS_FIELD, "auto").trim(),
                sinkConfig
                        .getOrDefault(TargetChecks.CONFLICT_MODE_FIELD, "precheck")
                        .trim(),
                sinkConfig
                        .getOrDefault(TargetChecks.DIALECT_FIELD, TargetDialectName.POSTGRESQL.value())
                        .trim());
    }

    boolean conflictsRefused() {
        return "precheck".equals(conflictMode);
    }
}
