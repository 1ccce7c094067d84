package io.pg2polar.source.precheck;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.pg2polar.common.jdbc.ConnectivityCheck;
import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.precheck.PrecheckFinding;
import io.pg2polar.source.MigrationType;

/**
 * Checks the live source database before anything starts: the login works, and for a streaming migration
 * {@code wal_level} is {@code logical} and the account may replicate. Each failure names the setting and the
 * fix.
 */
public final class SourcePrecheck {

    static final String HOST_FIELD = "database.hostname";
    static final String USER_FIELD = "database.user";
    static final String PASSWORD_FIELD = "database.password";
    static final String DBNAME_FIELD = "database.dbname";

    private final PgEndpoint endpoint;
    private final MigrationType migrationType;
    private final boolean ddlCapture;
    private final PostgresConnectorConfig polarDbChecks;
    private final Duration timeout;

    /**
     * @param polarDbChecks the connector configuration when the target is PolarDB-O (its own checks run), else null
     */
    public SourcePrecheck(PgEndpoint endpoint, MigrationType migrationType, boolean ddlCapture, PostgresConnectorConfig polarDbChecks,
                          Duration timeout) {
        this.endpoint = endpoint;
        this.migrationType = migrationType;
        this.ddlCapture = ddlCapture;
        this.polarDbChecks = polarDbChecks;
        this.timeout = timeout;
    }

    /** Runs every check; an empty list means the source is ready. */
    public List<PrecheckFinding> run() {
        Optional<ConnectivityCheck.Failure> loginFailure = ConnectivityCheck.probe(endpoint, "source", timeout);
        if (loginFailure.isPresent()) {
            return List.of(toFinding(loginFailure.get()));
        }
        List<PrecheckFinding> findings = new ArrayList<>();
        try (Connection connection = endpoint.connect("pg2polar-precheck", timeout, timeout)) {
            if (migrationType.streams()) {
                checkWalLevel(connection, findings);
                checkReplicationPrivilege(connection, findings);
                if (ddlCapture) {
                    checkSuperuser(connection, findings);
                }
            }
            if (polarDbChecks != null) {
                checkEmptyStrings(connection, findings);
            }
        }
        catch (SQLException e) {
            findings.add(new PrecheckFinding(HOST_FIELD, "Precheck of the source database " + endpoint.describe() + " failed: " + e.getMessage()));
        }
        return findings;
    }

    private void checkWalLevel(Connection connection, List<PrecheckFinding> findings) throws SQLException {
        String walLevel = queryString(connection, "SHOW wal_level");
        if (!"logical".equals(walLevel)) {
            findings.add(new PrecheckFinding(HOST_FIELD, "The source server at " + endpoint.host() + ':' + endpoint.port()
                    + " has wal_level = '" + walLevel + "', but migration.type '" + migrationType.value()
                    + "' reads changes through logical decoding. Set wal_level = logical in postgresql.conf (ALTER SYSTEM SET"
                    + " wal_level = logical) and restart PostgreSQL, or use migration.type = full with writes stopped."));
        }
    }

    private void checkReplicationPrivilege(Connection connection, List<PrecheckFinding> findings) throws SQLException {
        String sql = "SELECT rolsuper OR rolreplication FROM pg_roles WHERE rolname = current_user";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (rs.next() && !rs.getBoolean(1)) {
                findings.add(new PrecheckFinding(USER_FIELD, "Source user '" + endpoint.user() + "' may not create a replication"
                        + " slot. Run ALTER ROLE " + endpoint.user() + " REPLICATION (or use a superuser) for migration.type '"
                        + migrationType.value() + "'."));
            }
        }
    }

    private void checkSuperuser(Connection connection, List<PrecheckFinding> findings) throws SQLException {
        if (!"on".equals(queryString(connection, "SHOW is_superuser"))) {
            findings.add(new PrecheckFinding("ddl.capture", "DDL replication installs event triggers on the source, which only a"
                    + " superuser may create, and source user '" + endpoint.user() + "' is none. Use a superuser (on managed"
                    + " PostgreSQL, the privileged account), or set ddl.capture = false and apply DDL to the target yourself."));
        }
    }

    private void checkEmptyStrings(Connection connection, List<PrecheckFinding> findings) throws SQLException {
        List<String> columns = EmptyStringCheck.run(connection, polarDbChecks);
        if (!columns.isEmpty()) {
            findings.add(new PrecheckFinding("target.dialect", "PolarDB-O stores '' as NULL, so these NOT NULL columns would reject"
                    + " rows holding '': " + String.join(", ", columns) + ". Replace the empty strings on the source (e.g. UPDATE ..."
                    + " SET col = ' ' WHERE col = ''), or drop NOT NULL from those columns on both sides, before migrating."));
        }
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static PrecheckFinding toFinding(ConnectivityCheck.Failure failure) {
        String field = switch (failure.culprit()) {
            case PASSWORD -> PASSWORD_FIELD;
            case USER -> USER_FIELD;
            case DATABASE -> DBNAME_FIELD;
            case HOST, OTHER -> HOST_FIELD;
        };
        return new PrecheckFinding(field, failure.message());
    }
}
