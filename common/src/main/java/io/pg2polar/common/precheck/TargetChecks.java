package io.pg2polar.common.precheck;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.pg2polar.common.extension.ExtensionOffer;
import io.pg2polar.common.jdbc.ConnectionFields;
import io.pg2polar.common.jdbc.ConnectivityCheck;
import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.sink.TargetConnectionSettings;
import io.pg2polar.common.sql.TableId;

import static io.pg2polar.common.precheck.PrecheckItem.Side.TARGET;

/**
 * The precheck of the live target, as a report of items (DTS's precheck page): reachable with valid credentials,
 * owner or CREATE privilege on the database, which foreign-key suspension {@code apply.foreign.keys} will use,
 * conflicting tables per {@code conflict.mode}, the space the selected data needs and, when the selection is known, the
 * extensions it needs. It lives in common so the source plugin (its REST extension) can run it without the sink's
 * classes; the sink's validate runs it too, without the selection, which only the source knows.
 */
public final class TargetChecks {

    public static final String HOST_FIELD = TargetConnectionSettings.HOST;
    public static final String DATABASE_FIELD = TargetConnectionSettings.DATABASE;
    public static final String USER_FIELD = TargetConnectionSettings.USER;
    public static final String PASSWORD_FIELD = TargetConnectionSettings.PASSWORD;
    public static final String DIALECT_FIELD = TargetConnectionSettings.DIALECT;
    // the sink's keys (Pg2PolarSinkConfig), named here because common cannot see the sink; a sink test keeps them equal
    public static final String FOREIGN_KEYS_FIELD = "apply.foreign.keys";
    public static final String CONFLICT_MODE_FIELD = "conflict.mode";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private TargetChecks() {}

    /**
     * @param selectedTables the migrated tables under their target names (after the sink's name mapping); empty when
     *                       unknown, and then every table on the target is checked for conflicts
     */
    public static PrecheckReport report(PgEndpoint target, TargetCheckOptions options, List<TableId> selectedTables) {
        return report(target, options, new SelectedTables(selectedTables, -1));
    }

    /** As {@link #report(PgEndpoint, TargetCheckOptions, List)}, comparing the selection's source size with the target. */
    public static PrecheckReport report(PgEndpoint target, TargetCheckOptions options, SelectedTables selected) {
        List<PrecheckItem> items = new ArrayList<>();
        Optional<ConnectivityCheck.Failure> loginFailure =
                ConnectivityCheck.probe(target, ConnectionFields.TARGET, TIMEOUT);
        if (loginFailure.isPresent()) {
            items.add(PrecheckItem.fail(
                    "target.reachable",
                    TARGET,
                    loginFailure.get().field(),
                    "Target reachable",
                    loginFailure.get().message(),
                    ""));
            return new PrecheckReport(items);
        }
        items.add(PrecheckItem.pass(
                "target.reachable", TARGET, HOST_FIELD, "Target reachable", "Connected to " + target.describe()));
        try (Connection connection = target.connect("pg2polar-precheck", TIMEOUT, TIMEOUT)) {
            connection.setAutoCommit(false);
            TargetItems checks = new TargetItems(connection, target);
            items.add(checks.version());
            items.add(checks.createPrivilege());
            items.add(checks.foreignKeys(options.applyForeignKeys()));
            items.add(checks.conflictingTables(options, selected.tables()));
            items.add(checks.dataSize(selected.totalBytes()));
            if (selected.known()) {
                items.add(ExtensionsItem.check(
                        connection, target, selected.extensions(), ExtensionOffer.forDialect(options.targetDialect())));
            }
            connection.rollback();
        } catch (SQLException e) {
            items.add(PrecheckItem.fail(
                    "target.queries",
                    TARGET,
                    HOST_FIELD,
                    "Target catalog readable",
                    "Precheck of the target database " + target.describe() + " failed: " + e.getMessage(),
                    "Check that the account may read pg_catalog."));
        }
        return new PrecheckReport(items);
    }
}
