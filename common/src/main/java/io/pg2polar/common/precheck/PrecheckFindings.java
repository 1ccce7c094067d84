package io.pg2polar.common.precheck;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigValue;

/** Puts precheck findings on the config values Connect's validate call returns. */
public final class PrecheckFindings {

    private PrecheckFindings() {}

    /** Adds each finding's message to its field's value, creating the value when the field has none yet. */
    public static void attach(List<PrecheckFinding> findings, Map<String, ConfigValue> values) {
        for (PrecheckFinding finding : findings) {
            values.computeIfAbsent(finding.field(), ConfigValue::new).addErrorMessage(finding.message());
        }
    }
}
