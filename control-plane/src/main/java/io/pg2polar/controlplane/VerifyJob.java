package io.pg2polar.controlplane;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.controlplane.verify.TableResult;
import io.pg2polar.controlplane.verify.VerificationProgress;
import io.pg2polar.controlplane.verify.VerificationReport;
import io.pg2polar.controlplane.verify.Verifier;
import io.pg2polar.controlplane.verify.VerifyOptions;

/** A verification in the background: the tables compared so far with their results, the one being compared, then the report. */
final class VerifyJob extends MigrationJob implements VerificationProgress {

    static final String KIND = "verify";

    private final Migration migration;
    private final VerifyOptions options;
    private final List<TableResult> results = new ArrayList<>();
    private volatile int tables = -1;
    private volatile TableId current;
    private volatile VerificationReport report;

    VerifyJob(Migration migration, VerifyOptions options) {
        super(KIND, migration.name());
        this.migration = migration;
        this.options = options;
    }

    /** The options of a verification of the migration, as both the call and the job take them. */
    static VerifyOptions options(
            Migration migration, VerifyOptions.Mode mode, int samplePercent, int recheckDelaySeconds) {
        return VerifyOptions.defaults()
                .withMode(mode, mode == VerifyOptions.Mode.SAMPLE ? samplePercent : 100)
                .withRecheckDelay(Duration.ofSeconds(recheckDelaySeconds))
                .withPolarDbTarget(migration.polarDbTarget());
    }

    /** A mode by its name (count, sample, full); a {@link BadRequestException} naming them otherwise. */
    static VerifyOptions.Mode mode(String mode) {
        try {
            return VerifyOptions.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Unknown verification mode '" + mode + "': use count, sample or full");
        }
    }

    @Override
    void work() throws Exception {
        List<TableId> captured;
        try (Connection source = migration.connectSource()) {
            captured = migration.tables(source);
        }
        tables = captured.size();
        report = new Verifier(migration.sourceEndpoint(), migration.targetEndpoint(), options).verify(captured, this);
        current = null;
    }

    @Override
    public void started(TableId table, int index, int total) {
        current = table;
    }

    @Override
    public void verified(TableResult result) {
        synchronized (results) {
            results.add(result);
        }
    }

    /**
     * {@code "mode", "samplePercent", "tablesTotal", "tablesDone", "currentTable"} and {@code "report"}: the
     * verification's report, while it runs of the tables compared so far and without {@code equal}.
     */
    @Override
    void describe(ObjectNode node) {
        node.put("mode", options.mode().name().toLowerCase(Locale.ROOT));
        if (options.mode() == VerifyOptions.Mode.SAMPLE) {
            node.put("samplePercent", options.samplePercent());
        }
        if (tables >= 0) {
            node.put("tablesTotal", tables);
        }
        VerificationReport done = report;
        if (done != null) {
            node.put("tablesDone", done.tables().size());
            node.set("report", done.toJsonTree());
            return;
        }
        List<TableResult> sofar;
        synchronized (results) {
            sofar = List.copyOf(results);
        }
        node.put("tablesDone", sofar.size());
        TableId table = current;
        if (table != null) {
            node.put("currentTable", table.schema() + '.' + table.table());
        }
        ObjectNode partial =
                new VerificationReport(startedAt(), Duration.between(startedAt(), Instant.now()), sofar).toJsonTree();
        partial.remove("equal");
        node.set("report", partial);
    }
}
