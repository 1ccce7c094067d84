package io.pg2polar.controlplane.verify;

import io.pg2polar.common.sql.TableId;

/** Hears about a verification as it goes, table by table, e.g. to show it running; called on the verifying thread. */
public interface VerificationProgress {

    /** Hears nothing. */
    VerificationProgress NONE = new VerificationProgress() {};

    /** The table is being compared now; {@code index} counts from 0 up to {@code total} - 1. */
    default void started(TableId table, int index, int total) {}

    /** The table has been compared. */
    default void verified(TableResult result) {}
}
