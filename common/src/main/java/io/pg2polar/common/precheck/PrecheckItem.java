package io.pg2polar.common.precheck;

/**
 * One item of a precheck report, as DTS's precheck page shows it.
 *
 * @param id     stable name, e.g. {@code source.wal_level}
 * @param field  the config field a failure belongs on (what the user changes, or the closest to the cause)
 * @param detail what was found
 * @param fix    what to do about a FAIL or WARN; empty for PASS
 */
public record PrecheckItem(String id, Status status, String field, String title, String detail, String fix) {

    public enum Status { PASS, WARN, FAIL }

    public static PrecheckItem pass(String id, String field, String title, String detail) {
        return new PrecheckItem(id, Status.PASS, field, title, detail, "");
    }

    public static PrecheckItem warn(String id, String field, String title, String detail, String fix) {
        return new PrecheckItem(id, Status.WARN, field, title, detail, fix);
    }

    public static PrecheckItem fail(String id, String field, String title, String detail, String fix) {
        return new PrecheckItem(id, Status.FAIL, field, title, detail, fix);
    }

    /** The message validate puts on the field: what was found and the fix. */
    public String message() {
        return fix.isEmpty() ? detail : detail + " " + fix;
    }
}
