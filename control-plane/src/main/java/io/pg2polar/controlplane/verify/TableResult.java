package io.pg2polar.controlplane.verify;

import java.util.List;
import java.util.Objects;

import io.pg2polar.common.sql.TableId;

/**
 * What verification found for one table.
 *
 * @param table           the table, named as on the source
 * @param status          {@link #EQUAL}, {@link #DIFFERENT}, or {@link #SKIPPED} when the table could not be
 *                        compared (the note says why)
 * @param sourceRows      rows on the source as counted during the comparison; -1 when the table is missing there
 * @param targetRows      rows on the target as counted during the comparison; -1 when the table is missing there
 * @param differences     the first {@value Verifier#REPORTED_DIFFERENCES} differences that persisted through the
 *                        re-check
 * @param note            what else the reader should know: columns on one side only, sampling, keys that kept
 *                        changing; empty when nothing
 * @param differenceCount how many differences were found in all, listed or not
 */
public record TableResult(
        TableId table,
        String status,
        long sourceRows,
        long targetRows,
        List<KeyDifference> differences,
        String note,
        long differenceCount) {

    public static final String EQUAL = "EQUAL";
    public static final String DIFFERENT = "DIFFERENT";
    public static final String SKIPPED = "SKIPPED";

    public TableResult {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(status, "status");
        differences = List.copyOf(differences);
        note = note == null ? "" : note;
    }

    /** True when the table was compared and found equal. */
    public boolean isEqual() {
        return EQUAL.equals(status);
    }
}
