package io.pg2polar.sink.event;

/** The kind of change a Debezium event carries, by its {@code op} code. */
public enum Operation {
    /** A row read by the snapshot ({@code r}). */
    READ,
    CREATE,
    UPDATE,
    DELETE,
    TRUNCATE,
    /** A pg2polar control event: the table's definition after a change. */
    SCHEMA_CHANGE,
    /** A pg2polar control event: the positions of the source's sequences. */
    SEQUENCE_STATE,
    /** A pg2polar control event: a source heartbeat, in WAL order with the rows. */
    HEARTBEAT,
    /** A pg2polar control event: many snapshot rows of one table in COPY text format. */
    COPY_CHUNK;

    /** The operation for a Debezium {@code op} code, or null for codes the sink ignores (logical messages). */
    static Operation fromCode(String code) {
        return switch (code) {
            case "r" -> READ;
            case "c" -> CREATE;
            case "u" -> UPDATE;
            case "d" -> DELETE;
            case "t" -> TRUNCATE;
            default -> null;
        };
    }

    /** Whether the event changes rows of its table (control events do not). */
    public boolean changesRows() {
        return this == READ || this == CREATE || this == UPDATE || this == DELETE || this == TRUNCATE;
    }

    /** Whether the event carries a new row image to write. */
    public boolean writesRow() {
        return this == READ || this == CREATE || this == UPDATE;
    }
}
