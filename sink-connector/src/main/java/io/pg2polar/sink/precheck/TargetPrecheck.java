package io.pg2polar.sink.precheck;

import java.util.List;

import io.pg2polar.common.precheck.PrecheckFinding;
import io.pg2polar.common.precheck.PrecheckReport;
import io.pg2polar.common.precheck.SelectedTables;
import io.pg2polar.common.precheck.TargetCheckOptions;
import io.pg2polar.common.precheck.TargetChecks;
import io.pg2polar.sink.Pg2PolarSinkConfig;

/**
 * The sink's precheck of the live target: {@link TargetChecks} with this connector's settings. The sink does not
 * know which tables the source selects, so every table on the target is checked for conflicts, and the extensions
 * those tables need are checked by the migration's precheck report (both sides) and when each table is created.
 */
public final class TargetPrecheck {

    private final Pg2PolarSinkConfig config;

    public TargetPrecheck(Pg2PolarSinkConfig config) {
        this.config = config;
    }

    public PrecheckReport report() {
        return TargetChecks.report(
                config.targetEndpoint(),
                new TargetCheckOptions(
                        config.connectorName(),
                        config.foreignKeyMode().value(),
                        config.conflictMode().value(),
                        config.dialect().name()),
                SelectedTables.UNKNOWN);
    }

    /** The FAIL items as findings; an empty list means the target is ready. */
    public List<PrecheckFinding> run() {
        return report().failures();
    }
}
