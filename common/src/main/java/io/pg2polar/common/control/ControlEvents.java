package io.pg2polar.common.control;

import org.apache.kafka.connect.data.Schema;

/** How pg2polar marks the control events it puts among the rows of the change topics. */
public final class ControlEvents {

    /** Header on every control event; its value names the kind, e.g. {@code schema-change}. */
    public static final String HEADER = "pg2polar.control";
    /**
     * Header on the two copies of a table rename in the table topics: {@code old-name} in the old name's topic
     * (after its last rows), {@code new-name} in the new name's topic (before its first rows). The sink applies
     * the new name's copy only after the old name's, so rows keep their order across the two topics.
     */
    public static final String RENAME_COPY_HEADER = "pg2polar.rename-copy";

    public static final String OLD_NAME_COPY = "old-name";
    public static final String NEW_NAME_COPY = "new-name";
    /** Value schemas of control events are named under this prefix. */
    public static final String SCHEMA_PREFIX = "io.pg2polar.control.";
    /** Topic, after the topic prefix, that receives a copy of every schema change. */
    public static final String SCHEMA_CHANGES_TOPIC_SUFFIX = "schema-changes";

    private ControlEvents() {}

    /** True when a record value schema belongs to a pg2polar control event. */
    public static boolean isControl(Schema valueSchema) {
        return valueSchema != null
                && valueSchema.name() != null
                && valueSchema.name().startsWith(SCHEMA_PREFIX);
    }
}
