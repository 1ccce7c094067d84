package io.pg2polar.source.copy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, before a full load reads its first chunk, until every transaction that has committed (by the commit log,
 * {@code pg_xact_status}) but is not visible yet (still in the ProcArray: a backend between writing its commit record
 * and ending its transaction, e.g. waiting for a synchronous standby) has become visible. Their changes may have
 * reached the change topics before this task started, where no chunk's check can see them (design decision 30).
 */
final class CommittingTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(CommittingTransactions.class);
    private static final Duration PAUSE = Duration.ofMillis(100);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    /**
     * Every xid assigned so far that is in progress by the ProcArray and committed by the clog: those in the
     * snapshot's in-progress list, and those from its xmax up to a freshly assigned xid (assigned and rolled back in
     * the same statement's transaction: it orders every earlier assignment before it).
     */
    private static final String COMMITTING = """
            WITH s AS (SELECT pg_catalog.pg_current_snapshot() AS snap, pg_catalog.pg_current_xact_id() AS mine),
                 candidate AS (
                    SELECT x FROM s, pg_catalog.pg_snapshot_xip(s.snap) x
                    UNION ALL
                    SELECT (g::text)::xid8 FROM s,
                        generate_series((pg_catalog.pg_snapshot_xmax(s.snap)::text)::bigint, (s.mine::text)::bigint - 1) g)
            SELECT coalesce(string_agg(x::text, ','), '') FROM candidate WHERE pg_catalog.pg_xact_status(x) = 'committed'""";

    private static final String STILL_INVISIBLE = """
            SELECT count(*) FROM unnest(CAST(string_to_array(?, ',') AS text[])) x
            WHERE NOT pg_catalog.pg_visible_in_snapshot((x)::xid8, pg_catalog.pg_current_snapshot())""";

    private CommittingTransactions() {}

    /** Waits on the (auto-commit) connection; on PostgreSQL 12 (no xid8 functions) there is nothing to wait for here. */
    static void awaitVisible(Connection connection) throws SQLException, InterruptedException {
        if (connection.getMetaData().getDatabaseMajorVersion() < 13) {
            return;
        }
        String committing;
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(COMMITTING)) {
            rs.next();
            committing = rs.getString(1);
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        if (committing.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        long reported = started;
        while (true) {
            try (var statement = connection.prepareStatement(STILL_INVISIBLE)) {
                statement.setString(1, committing);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
            }
            if (System.nanoTime() - reported > REPORT_EVERY.toNanos()) {
                reported = System.nanoTime();
                LOG.warn(
                        "The full load waits for committed transactions {} to become visible on the source (a synchronous standby"
                                + " that does not answer?) before it reads, {} s so far",
                        committing,
                        (reported - started) / 1_000_000_000L);
            }
            Thread.sleep(PAUSE.toMillis());
        }
    }
}
