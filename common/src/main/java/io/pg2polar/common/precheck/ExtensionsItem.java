package io.pg2polar.common.precheck;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.pg2polar.common.extension.ExtensionInstaller;
import io.pg2polar.common.extension.ExtensionNeed;
import io.pg2polar.common.extension.ExtensionOffer;
import io.pg2polar.common.extension.ExtensionOutcome;
import io.pg2polar.common.extension.ExtensionOutcomes;
import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.sql.TableId;

import static io.pg2polar.common.precheck.PrecheckItem.Side.TARGET;

/**
 * The target precheck item of the extensions the selected tables need: each is installed where their definitions name
 * it, or the account can create it (tried under a savepoint and undone: the only test that covers trusted extensions,
 * privileges and managed services' own rules), or the item fails naming the extension, the tables and what to run.
 */
final class ExtensionsItem {

    private static final int LISTED = 20;

    private ExtensionsItem() {}

    /** @param connection in a transaction (auto-commit off); left as it was */
    static PrecheckItem check(
            Connection connection, PgEndpoint endpoint, List<ExtensionNeed> needs, ExtensionOffer offer)
            throws SQLException {
        String title = "Extensions the selected tables need";
        if (needs.isEmpty()) {
            return PrecheckItem.pass(
                    "target.extensions",
                    TARGET,
                    TargetChecks.USER_FIELD,
                    title,
                    "The selected tables need no extension");
        }
        Savepoint probe = connection.setSavepoint();
        ExtensionOutcomes outcomes = new ExtensionInstaller(offer)
                .install(
                        connection, needs.stream().map(ExtensionNeed::extension).toList());
        connection.rollback(probe);
        if (outcomes.anyBlocked()) {
            Map<String, List<TableId>> tables = new HashMap<>();
            needs.forEach(need -> tables.put(need.extension().name(), need.tables()));
            return PrecheckItem.fail(
                    "target.extensions",
                    TARGET,
                    TargetChecks.USER_FIELD,
                    title,
                    "The target lacks extensions that user '"
                            + endpoint.user() + "' cannot create there: "
                            + outcomes.describeBlocked(e -> ", needed by " + names(tables.get(e.name())))
                            + ". The sink would stop at the first table that needs one.",
                    outcomes.fix() + '.');
        }
        return PrecheckItem.pass(
                "target.extensions",
                TARGET,
                TargetChecks.USER_FIELD,
                title,
                outcomes.all().stream().map(ExtensionsItem::describe).collect(Collectors.joining(", ")));
    }

    /** e.g. {@code ltree 1.2 to be created by the sink in schema ext (the source has 1.3)}. */
    private static String describe(ExtensionOutcome outcome) {
        return outcome.extension().name() + ' ' + outcome.installedVersion()
                + (outcome.state() == ExtensionOutcome.State.INSTALLED ? " installed" : " to be created by the sink")
                + " in schema "
                + outcome.extension().schema()
                + (Objects.equals(
                                outcome.installedVersion(), outcome.extension().version())
                        ? ""
                        : " (the source has " + outcome.extension().version() + ')');
    }

    private static String names(List<TableId> tables) {
        String listed = tables.stream().limit(LISTED).map(TableId::quoted).collect(Collectors.joining(", "));
        return tables.size() <= LISTED ? listed : listed + " and " + (tables.size() - LISTED) + " more";
    }
}
