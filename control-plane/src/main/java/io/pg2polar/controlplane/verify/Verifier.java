package io.pg2polar.controlplane.verify;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.sql.TableId;

/**
 * Compares tables on the source and the target of a migration, and may run while the migration streams.
 *
 * <p>Rows are compared where they are: per primary-key range each database computes a row count and a checksum of its
 * rows' text, and only ranges whose checksums differ have their keys read, to name the rows missing on the target,
 * extra on it, or different. Row text is {@code ROW(<compared columns>)::text} in a session whose settings print the
 * same data the same way on every server version; the columns compared are those both sides have, and PolarDB-O's
 * dialect ({@code DATE} stored as {@code TIMESTAMP(0)}, {@code ''} stored as NULL) is normalised when
 * {@link VerifyOptions#polarDbTarget()} is set. Tables without a primary key are compared as a whole up to
 * {@value KeylessComparison#ROW_LIMIT} rows, by counts above.
 *
 * <p><b>Re-check.</b> While the migration streams, the target lags the source, so a first comparison sees changes in
 * flight. Every difference found is read again on both sides after {@link VerifyOptions#recheckDelay()}, and only
 * those that persist, with the source row unchanged meanwhile, are reported; rows the source kept changing through
 * {@value Recheck#ROUNDS} delays are named in the table's note instead. The first
 * {@value #RECHECKED_DIFFERENCES} differences of a table are re-checked and the first {@value #REPORTED_DIFFERENCES}
 * reported with their rows; more are counted.
 *
 * <p><b>Load.</b> One session per side, read-only, no parallel workers, each statement bounded by
 * {@link VerifyOptions#statementTimeout()}; tables and ranges are processed one after another.
 */
public final class Verifier {

    /** How many differences of a table the report lists with their rows. */
    public static final int REPORTED_DIFFERENCES = 100;
    /** How many differences of a table are re-checked; those beyond are counted as found. */
    public static final int RECHECKED_DIFFERENCES = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);

    private final PgEndpoint source;
    private final PgEndpoint target;
    private final VerifyOptions options;
    private final RecheckPause pause;

    public Verifier(PgEndpoint source, PgEndpoint target, VerifyOptions options) {
        this(source, target, options, RecheckPause.SLEEP);
    }

    /** @param pause waits out the re-check delay; {@link RecheckPause#SLEEP} but for tests */
    public Verifier(PgEndpoint source, PgEndpoint target, VerifyOptions options, RecheckPause pause) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        this.options = Objects.requireNonNull(options, "options");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /**
     * Verifies the tables one after another. Tables are named as on the source; the target tables have the same
     * schema and name.
     *
     * @throws VerificationException when a database cannot be reached or the thread is interrupted
     */
    public VerificationReport verify(List<TableId> tables) {
        return verify(tables, VerificationProgress.NONE);
    }

    /** As {@link #verify(List)}, telling {@code progress} about each table as it starts and ends. */
    public VerificationReport verify(List<TableId> tables, VerificationProgress progress) {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        List<TableResult> results = new ArrayList<>();
        try (SideConnection sourceSession = open(Side.SOURCE, source);
                SideConnection targetSession = open(Side.TARGET, target)) {
            // a new seed per run, so repeated sampled runs look at different rows
            Sample sample = options.mode() == VerifyOptions.Mode.SAMPLE && options.samplePercent() < 100
                    ? new Sample(Long.toHexString(ThreadLocalRandom.current().nextLong()), options.samplePercent())
                    : null;
            TableVerifier verifier = new TableVerifier(
                    sourceSession, targetSession, options, new Recheck(pause, options.recheckDelay()), sample);
            for (int i = 0; i < tables.size(); i++) {
                TableId table = tables.get(i);
                ensureOpen(sourceSession);
                ensureOpen(targetSession);
                progress.started(table, i, tables.size());
                TableResult result = verifier.verify(table);
                LOG.info(
                        "Verified {}: {} ({} source rows, {} target rows, {} differences){}",
                        table,
                        result.status(),
                        result.sourceRows(),
                        result.targetRows(),
                        result.differenceCount(),
                        result.note().isEmpty() ? "" : ": " + result.note());
                results.add(result);
                progress.verified(result);
            }
        }
        return new VerificationReport(startedAt, Duration.ofNanos(System.nanoTime() - started), results);
    }

    private SideConnection open(Side side, PgEndpoint endpoint) {
        try {
            return SideConnection.open(side, endpoint, options.statementTimeout());
        } catch (SQLException e) {
            throw new VerificationException(
                    "Cannot open a verification session on the " + side.name().toLowerCase() + " " + endpoint + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static void ensureOpen(SideConnection session) {
        try {
            session.ensureOpen();
        } catch (SQLException e) {
            throw new VerificationException(
                    "Lost the verification session on the "
                            + session.side().name().toLowerCase() + " " + session.endpoint() + ": " + e.getMessage(),
                    e);
        }
    }
}
