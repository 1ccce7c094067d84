package io.pg2polar.controlplane;

import java.sql.SQLException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pg2polar.common.precheck.PrecheckItem.Status;
import io.pg2polar.common.precheck.PrecheckReport;
import io.pg2polar.common.precheck.SelectedTables;
import io.pg2polar.common.precheck.TargetCheckOptions;
import io.pg2polar.common.precheck.TargetChecks;

/**
 * Both sides' precheck of one migration as JSON: the source's items, then the target's for the tables the source
 * selects under their mapped target names.
 */
final class MigrationPrecheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MigrationPrecheck() {
    }

    /** {@code {"migration", "passed", "source": {report}, "target": {report}}}; no target without a sink connector. */
    static ObjectNode run(Migration migration) {
        PrecheckReport source = migration.source().precheck();
        PrecheckReport target = migration.hasSink() ? TargetChecks.report(migration.targetEndpoint(),
                TargetCheckOptions.fromSinkConfig(migration.namedSinkConfig()), targetSelection(migration, source)) : null;
        ObjectNode root = JSON.createObjectNode();
        root.put("migration", migration.name());
        root.put("passed", source.passed() && (target == null || target.passed()));
        root.set("source", source.toJson());
        if (target != null) {
            root.set("target", target.toJson());
        }
        return root;
    }

    /** The selection under its target names; unknown when the source cannot be read (its report says why). */
    private static SelectedTables targetSelection(Migration migration, PrecheckReport source) {
        if (source.items().stream().anyMatch(i -> i.id().equals("source.reachable") && i.status() != Status.PASS)) {
            return SelectedTables.UNKNOWN;
        }
        try {
            return migration.source().selection().mappedBy(migration.nameMapping());
        }
        catch (SQLException e) {
            return SelectedTables.UNKNOWN;
        }
    }
}
