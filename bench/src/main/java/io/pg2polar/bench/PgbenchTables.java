package io.pg2polar.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.pg2polar.servers.postgres.PostgresServer;

/** What the benchmark compares: cheap fingerprints while waiting, checksums of every row at the end. */
final class PgbenchTables {

    static final List<String> TABLES =
            List.of("pgbench_accounts", "pgbench_branches", "pgbench_tellers", "pgbench_history");

    private static final String FINGERPRINT = """
            SELECT (SELECT count(*) || '/' || coalesce(sum(abalance), 0) FROM pgbench_accounts) || ' '
                || (SELECT count(*) || '/' || coalesce(sum(bbalance), 0) FROM pgbench_branches) || ' '
                || (SELECT count(*) || '/' || coalesce(sum(tbalance), 0) FROM pgbench_tellers) || ' '
                || (SELECT count(*) || '/' || coalesce(sum(delta), 0) FROM pgbench_history)""";

    /**
     * The same, cheap enough to ask four times a second during a catch-up without taking the CPU from what it
     * measures: pgbench changes only the accounts its history names, so the accounts are summed through their index
     * for those ids alone (two full scans of two million rows per question took most of a core). The checksum of
     * every row at the end confirms it.
     */
    private static final String CATCH_UP_FINGERPRINT = """
            SELECT (SELECT count(*) || '/' || coalesce(sum(bbalance), 0) FROM pgbench_branches) || ' '
                || (SELECT count(*) || '/' || coalesce(sum(tbalance), 0) FROM pgbench_tellers) || ' '
                || (SELECT count(*) || '/' || coalesce(sum(delta), 0) FROM pgbench_history) || ' '
                || (SELECT count(*) || '/' || coalesce(sum(abalance), 0) FROM pgbench_accounts
                    WHERE aid = ANY (ARRAY(SELECT DISTINCT aid FROM pgbench_history)))""";

    private PgbenchTables() {}

    /** Row counts and balance sums of the four tables; empty when they are not there yet. */
    static String fingerprint(PostgresServer server, String database) {
        return query(server, database, FINGERPRINT, "");
    }

    /** {@link #fingerprint} for a catch-up from a fully loaded target: reads the changed accounts only. */
    static String catchUpFingerprint(PostgresServer server, String database) {
        return query(server, database, CATCH_UP_FINGERPRINT, "");
    }

    /**
     * Whether the target has caught up with the source: first the count of pgbench_history (one row per pgbench
     * transaction, a few milliseconds), and only once that matches the changed accounts' fingerprint, which takes
     * tens of milliseconds and, polled four times a second through a whole catch-up, charged the slower side more.
     */
    static BooleanSupplier caughtUp(
            PostgresServer server, String database, String expectedFingerprint, long expectedHistoryRows) {
        return () -> historyRows(server, database) >= expectedHistoryRows
                && expectedFingerprint.equals(catchUpFingerprint(server, database));
    }

    static long historyRows(PostgresServer server, String database) {
        return Long.parseLong(query(server, database, "SELECT count(*) FROM pgbench_history", "-1"));
    }

    /**
     * Whether the sink has applied the full load's end marker: a query of one small row, so waiting for the load
     * does not compete with it for the CPU as counting millions of rows several times a second would.
     */
    static boolean fullLoadApplied(PostgresServer server, String database) {
        return "t"
                .equals(query(
                        server,
                        database,
                        "SELECT bool_or(snapshot_completed_at IS NOT NULL) FROM pg2polar.connector_progress",
                        "f"));
    }

    /** An md5 over every row of every table, in a fixed order, computed in the database. */
    static String checksum(PostgresServer server, String database) {
        StringBuilder sums = new StringBuilder();
        for (String table : TABLES) {
            sums.append(query(
                            server,
                            database,
                            "SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM " + table + " t",
                            "?"))
                    .append(' ');
        }
        return sums.toString();
    }

    static String query(PostgresServer server, String database, String sql, String fallback) {
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("SET extra_float_digits = 3");
            try (ResultSet rs = statement.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            return fallback;
        }
    }
}
