package io.pg2polar.common.precheck;

import java.util.Objects;

/**
 * One item of a precheck report, as DTS's precheck page shows it.
 *
 * @param id     stable name, e.g. {@code source.wal_level}
 * @param side   the database the item concerns
 * @param field  the config field a failure belongs on (what the user changes, or the closest to the cause)
 * @param title  what is checked, e.g. "wal_level = logical"
 * @param detail what was found
 * @param fix    what to do about a FAIL or WARN; empty for PASS
 */
public record PrecheckItem(String id, Side side, Status status, String field, String title, String detail, String fix) {

    /** The database an item concerns. */
    public enum Side {
        SOURCE,
        TARGET
    }

    /** FAIL blocks the migration (validate puts it on its field); WARN is shown and logged but does not block. */
    public enum Status {
        PASS,
        WARN,
        FAIL
    }

    public PrecheckItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(field, "field");
        title = Objects.requireNonNullElse(title, "");
        detail = Objects.requireNonNullElse(detail, "");
        fix = Objects.requireNonNullElse(fix, "");
    }

    public static PrecheckItem pass(String id, Side side, String field, String title, String detail) {
        return new PrecheckItem(id, side, Status.PASS, field, title, detail, "");
    }

    public static PrecheckItem warn(String id, Side side, String field, String title, String detail, String fix) {
        return new PrecheckItem(id, side, Status.WARN, field, title, detail, fix);
    }

    public static PrecheckItem fail(String id, Side side, String field, String title, String detail, String fix) {
        return new PrecheckItem(id, side, Status.FAIL, field, title, detail, fix);
    }

    /** The message validate puts on the field: what was found and the fix. */
    public String message() {
        return fix.isEmpty() ? detail : detail + " " + fix;
    }
}
