package io.pg2polar.common;

/** What the source promises about the change events it writes and the sink relies on. */
public final class ChangeEventConventions {

    /**
     * The value Debezium puts in a column whose unchanged TOASTed value the WAL did not carry. The source
     * sets it explicitly; the sink leaves such columns untouched on the target.
     */
    public static final String UNAVAILABLE_VALUE_PLACEHOLDER = "__debezium_unavailable_value";

    /**
     * Schema name of values the source sends as PostgreSQL's own text output (types Debezium would carry
     * lossily); the sink passes them to the target unchanged.
     */
    public static final String PG_TEXT_SCHEMA = "io.pg2polar.PgText";

    private ChangeEventConventions() {}
}
