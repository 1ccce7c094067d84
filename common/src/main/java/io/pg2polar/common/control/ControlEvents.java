package io.pg2polar.common.control;

import org.apache.kafka.connect.data.Schema;

/** How pg2polar marks the control events it puts among the rows of the change topics. */
public final class ControlEvents {

    /** Header on every control event; its value names the kind, e.g. {@code schema-change}. */
    public static final String HEADER = "pg2polar.control";
    /** Value schemas of control events are named under this prefix. */
    public static final String SCHEMA_PREFIX = "io.pg2polar.control.";
    /** Topic, after the topic prefix, that receives a copy of every schema change. */
    public static final String SCHEMA_CHANGES_TOPIC_SUFFIX = "schema-changes";

    private ControlEvents() {
    }

    /** True when a record value schema belongs to a pg2polar control event. */
    public static boolean isControl(Schema valueSchema) {
        return valueSchema != null && valueSchema.name() != null && valueSchema.name().startsWith(SCHEMA_PREFIX);
    }
}
