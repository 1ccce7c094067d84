package io.pg2polar.controlplane.verify;

import java.time.Duration;
import java.util.Objects;

/**
 * How a verification compares source and target: counts only, a sample of rows, or every row.
 *
 * @param mode             {@link Mode#COUNT}, {@link Mode#SAMPLE} or {@link Mode#FULL}
 * @param samplePercent    in {@link Mode#SAMPLE}, the share of rows compared (1-100); ignored otherwise
 * @param recheckDelay     how long a difference is given to disappear (a change still on its way) before it is
 *                         reported; zero re-checks at once
 * @param polarDbTarget    the target is PolarDB-O: a source DATE is compared with the target's TIMESTAMP(0) as a
 *                         date, and {@code ''} in text columns is compared as NULL on both sides
 * @param ranges           how many primary-key ranges a table is split into for checksums (see
 *                         {@link RangeBoundaries} for the bounds on rows per range)
 * @param statementTimeout {@code statement_timeout} of every query on both databases; zero for none
 */
public record VerifyOptions(
        Mode mode,
        int samplePercent,
        Duration recheckDelay,
        boolean polarDbTarget,
        int ranges,
        Duration statementTimeout) {

    /** What is compared per table. */
    public enum Mode {
        /** Row counts only. */
        COUNT,
        /** The rows of a pseudo-random share of the keys, chosen anew on every run. */
        SAMPLE,
        /** Every row. */
        FULL
    }

    public VerifyOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(recheckDelay, "recheckDelay");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        if (samplePercent < 1 || samplePercent > 100) {
            throw new IllegalArgumentException("samplePercent must be between 1 and 100, not " + samplePercent);
        }
        if (ranges < 1) {
            throw new IllegalArgumentException("ranges must be at least 1, not " + ranges);
        }
        if (recheckDelay.isNegative() || statementTimeout.isNegative()) {
            throw new IllegalArgumentException("recheckDelay and statementTimeout cannot be negative");
        }
    }

    /** Every row, re-checked after 10 s, 64 ranges, 60 s per statement, a PostgreSQL target. */
    public static VerifyOptions defaults() {
        return new VerifyOptions(Mode.FULL, 100, Duration.ofSeconds(10), false, 64, Duration.ofSeconds(60));
    }

    /** The same options with another mode and sample share. */
    public VerifyOptions withMode(Mode newMode, int newSamplePercent) {
        return new VerifyOptions(newMode, newSamplePercent, recheckDelay, polarDbTarget, ranges, statementTimeout);
    }

    /** The same options with another re-check delay. */
    public VerifyOptions withRecheckDelay(Duration newDelay) {
        return new VerifyOptions(mode, samplePercent, newDelay, polarDbTarget, ranges, statementTimeout);
    }

    /** The same options for a PolarDB-O target, or not. */
    public VerifyOptions withPolarDbTarget(boolean polarDb) {
        return new VerifyOptions(mode, samplePercent, recheckDelay, polarDb, ranges, statementTimeout);
    }
}
