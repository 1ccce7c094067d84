package io.pg2polar.sink.precheck;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.pg2polar.common.jdbc.ConnectivityCheck;
import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.precheck.PrecheckFinding;
import io.pg2polar.sink.Pg2PolarSinkConfig;
import io.pg2polar.sink.fk.ForeignKeyMode;
import io.pg2polar.sink.fk.ForeignKeySuspensions;
import io.pg2polar.sink.schema.ConflictMode;

/**
 * Checks the live target before the sink starts: the login works and, when {@code apply.foreign.keys} demands
 * it, the account may suspend foreign-key checks for its session. Each failure names the setting and the fix.
 */
public final class TargetPrecheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PgEndpoint endpoint;
    private final ForeignKeyMode foreignKeyMode;
    private final ConflictMode conflictMode;
    private final String connector;

    public TargetPrecheck(Pg2PolarSinkConfig config) {
        this.endpoint = config.targetEndpoint();
        this.foreignKeyMode = config.foreignKeyMode();
        this.conflictMode = config.conflictMode();
        this.connector = config.connectorName();
    }

    public List<PrecheckFinding> run() {
        Optional<ConnectivityCheck.Failure> loginFailure = ConnectivityCheck.probe(endpoint, "target", TIMEOUT);
        if (loginFailure.isPresent()) {
            return List.of(toFinding(loginFailure.get()));
        }
        List<PrecheckFinding> findings = new ArrayList<>();
        try (Connection connection = endpoint.connect("pg2polar-precheck", TIMEOUT, TIMEOUT)) {
            connection.setAutoCommit(false);
            if (foreignKeyMode == ForeignKeyMode.REPLICA_ROLE && !ForeignKeySuspensions.mayUseReplicaRole(connection)) {
                findings.add(new PrecheckFinding(Pg2PolarSinkConfig.APPLY_FOREIGN_KEYS, "Target user '" + endpoint.user()
                        + "' may not SET session_replication_role = replica, which suspends foreign-key checks and triggers while"
                        + " rows arrive in any order. Grant it with GRANT SET ON PARAMETER session_replication_role TO "
                        + endpoint.user() + " (PostgreSQL 15+), use a superuser, or set apply.foreign.keys = auto (foreign keys"
                        + " are then held back until cutover)."));
            }
            if (conflictMode == ConflictMode.PRECHECK) {
                List<String> conflicting = ConflictingTables.find(connection, connector);
                if (!conflicting.isEmpty()) {
                    findings.add(new PrecheckFinding(Pg2PolarSinkConfig.CONFLICT_MODE, "Target tables that already hold rows: "
                            + String.join(", ", conflicting) + " (conflict.mode = precheck). Empty them or migrate into another database,"
                            + " or set conflict.mode = ignore to keep their rows (a source row with the same key is then not loaded)."));
                }
            }
            connection.rollback();
        }
        catch (SQLException e) {
            findings.add(new PrecheckFinding(Pg2PolarSinkConfig.CONNECTION_HOST, "Precheck of the target " + endpoint.describe()
                    + " failed: " + e.getMessage()));
        }
        return findings;
    }

    private static PrecheckFinding toFinding(ConnectivityCheck.Failure failure) {
        String field = switch (failure.culprit()) {
            case PASSWORD -> Pg2PolarSinkConfig.CONNECTION_PASSWORD;
            case USER -> Pg2PolarSinkConfig.CONNECTION_USER;
            case DATABASE -> Pg2PolarSinkConfig.CONNECTION_DATABASE;
            case HOST, OTHER -> Pg2PolarSinkConfig.CONNECTION_HOST;
        };
        return new PrecheckFinding(field, failure.message());
    }
}
