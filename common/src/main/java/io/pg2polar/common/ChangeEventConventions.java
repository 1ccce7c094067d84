package io.pg2polar.common;

/** What the source promises about the change events it writes and the sink relies on. */
public final class ChangeEventConventions {

    /**
     * The value Debezium puts in a column whose unchanged TOASTed value the WAL did not carry. The source
     * sets it explicitly; the sink leaves such columns untouched on the target.
     */
    public static final String UNAVAILABLE_VALUE_PLACEHOLDER = "__debezium_unavailable_value";

    private ChangeEventConventions() {
    }
}
