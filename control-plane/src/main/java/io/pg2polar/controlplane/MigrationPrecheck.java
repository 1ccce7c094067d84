package io.pg2polar.controlplane;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pg2polar.common.precheck.PrecheckItem;
import io.pg2polar.common.precheck.PrecheckItem.Side;
import io.pg2polar.common.precheck.PrecheckItem.Status;
import io.pg2polar.common.precheck.PrecheckReport;
import io.pg2polar.common.precheck.SelectedTables;
import io.pg2polar.common.precheck.TargetCheckOptions;
import io.pg2polar.common.precheck.TargetChecks;
import io.pg2polar.common.sql.TableId;

/**
 * Both sides' precheck of one migration as JSON: the source's items, then the target's for the tables the source
 * selects under their mapped target names, and whether the sink reads every selected table's topic.
 */
final class MigrationPrecheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "sink.topics";
    private static final String TOPICS_REGEX = "topics.regex";

    private MigrationPrecheck() {}

    /** {@code {"migration", "passed", "source": {report}, "target": {report}}}; no target without a sink connector. */
    static ObjectNode run(Migration migration) {
        PrecheckReport source = migration.source().precheck();
        PrecheckReport target = migration.hasSink()
                ? TargetChecks.report(
                                migration.targetEndpoint(),
                                TargetCheckOptions.fromSinkConfig(migration.namedSinkConfig()),
                                targetSelection(migration, source))
                        .plus(new PrecheckReport(List.of(subscription(migration, source))))
                : null;
        ObjectNode root = JSON.createObjectNode();
        root.put("migration", migration.name());
        root.put("passed", source.passed() && (target == null || target.passed()));
        root.set("source", source.toJson());
        if (target != null) {
            root.set("target", target.toJson());
        }
        return root;
    }

    /** Whether the sink reads the topic of every selected table: neither connector's validate knows both sides. */
    private static PrecheckItem subscription(Migration migration, PrecheckReport source) {
        String title = "The sink reads every selected table's topic";
        if (source.items().stream().anyMatch(i -> i.id().equals("source.reachable") && i.status() != Status.PASS)) {
            return PrecheckItem.warn(
                    ID,
                    Side.TARGET,
                    TOPICS_REGEX,
                    title,
                    "Not checked: the source cannot be read.",
                    "See the source's items.");
        }
        try (Connection connection = migration.connectSource()) {
            SinkTopics topics = SinkTopics.of(migration.sinkConfig());
            Map<TableId, String> unread = topics.unread(
                    migration.tables(connection), migration.source().topicNaming());
            if (unread.isEmpty()) {
                return PrecheckItem.pass(
                        ID,
                        Side.TARGET,
                        TOPICS_REGEX,
                        title,
                        "every selected table's topic matches " + topics.describe());
            }
            return PrecheckItem.fail(
                    ID, Side.TARGET, TOPICS_REGEX, title, topics.problem(migration.sinkConnector(), unread), "");
        } catch (SQLException e) {
            return PrecheckItem.warn(ID, Side.TARGET, TOPICS_REGEX, title, "Not checked: " + e.getMessage(), "");
        }
    }

    /** The selection under its target names; unknown when the source cannot be read (its report says why). */
    private static SelectedTables targetSelection(Migration migration, PrecheckReport source) {
        if (source.items().stream().anyMatch(i -> i.id().equals("source.reachable") && i.status() != Status.PASS)) {
            return SelectedTables.UNKNOWN;
        }
        try {
            return migration.source().selection().mappedBy(migration.nameMapping());
        } catch (SQLException e) {
            return SelectedTables.UNKNOWN;
        }
    }
}
