package io.pg2polar.it.kit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.servers.postgres.PostgresServer;

/**
 * Measures how far the target is behind the source, from the outside: a row stamped with the source's clock ten times
 * a second into {@code lag_probe}, and on the target the age of the newest one that arrived (both servers share this
 * machine's clock). A recovery is the time from a fault's end until that age is under a second.
 */
public final class LagProbe implements AutoCloseable {

    public static final TableId TABLE = new TableId("public", "lag_probe");
    private static final Duration CAUGHT_UP = Duration.ofSeconds(1);
    private static final Duration NOT_YET = Duration.ofDays(1);

    private final LiveWriter writer;
    private final PostgresServer target;
    private final String targetDatabase;
    private Connection targetConnection;

    private LagProbe(LiveWriter writer, PostgresServer target, String targetDatabase) {
        this.writer = writer;
        this.target = target;
        this.targetDatabase = targetDatabase;
    }

    /** Creates the probe table on the source; the migration carries it to the target like any table. */
    public static void create(PostgresServer source, String sourceDatabase) {
        source.execute(
                sourceDatabase,
                "CREATE TABLE lag_probe (id bigserial PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT clock_timestamp())");
    }

    /** Starts writing probes. */
    public static LagProbe start(
            PostgresServer source, String sourceDatabase, PostgresServer target, String targetDatabase) {
        LiveWriter writer = LiveWriter.start(
                source,
                sourceDatabase,
                connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("INSERT INTO lag_probe DEFAULT VALUES");
                    }
                },
                10);
        return new LagProbe(writer, target, targetDatabase);
    }

    /**
     * Waits until a probe written after {@code faultEnded} is on the target less than a second behind, and returns how
     * long that took from {@code faultEnded}: the recovery time of a fault. The probe must be newer than the fault's end:
     * right after a worker is killed the newest probe that arrived can still be younger than a second.
     */
    public Duration awaitRecovery(Instant faultEnded, Duration timeout) {
        Await.until(
                "a probe written after " + faultEnded + " is on the target less than " + CAUGHT_UP.toMillis()
                        + " ms behind",
                timeout,
                () -> recovered(faultEnded));
        return Duration.between(faultEnded, Instant.now());
    }

    /** Whether a probe written after {@code faultEnded} is on the target, and the target is less than a second behind. */
    public boolean recovered(Instant faultEnded) {
        writer.transactions();
        try {
            try (Statement statement = targetStatement();
                    ResultSet rs = statement.executeQuery(
                            "SELECT max(written_at) >= to_timestamp(" + faultEnded.toEpochMilli() + " / 1000.0),"
                                    + " (extract(epoch FROM clock_timestamp() - max(written_at)) * 1000)::bigint FROM lag_probe")) {
                rs.next();
                return rs.getBoolean(1) && rs.getLong(2) < CAUGHT_UP.toMillis();
            }
        } catch (SQLException e) {
            closeTarget();
            return false;
        }
    }

    /** Waits until the target is less than {@code lag} behind the source. */
    public void awaitLagUnder(Duration lag, Duration timeout) {
        Duration[] last = {NOT_YET};
        try {
            Await.until("the target is less than " + lag.toMillis() + " ms behind the source", timeout, () -> {
                writer.transactions();
                last[0] = lag();
                return last[0].compareTo(lag) < 0;
            });
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + " (last measured: "
                            + (last[0] == NOT_YET ? "no probe on the target" : last[0].toMillis() + " ms") + ')',
                    e);
        }
    }

    /** The age of the newest probe on the target; very long while none arrived or the target cannot be asked. */
    public Duration lag() {
        try {
            try (Statement statement = targetStatement();
                    ResultSet rs = statement.executeQuery(
                            "SELECT (extract(epoch FROM clock_timestamp() - max(written_at)) * 1000)::bigint FROM lag_probe")) {
                rs.next();
                long millis = rs.getLong(1);
                return rs.wasNull() ? NOT_YET : Duration.ofMillis(millis);
            }
        } catch (SQLException e) {
            closeTarget();
            return NOT_YET;
        }
    }

    private Statement targetStatement() throws SQLException {
        if (targetConnection == null || targetConnection.isClosed()) {
            targetConnection = target.connect(targetDatabase);
        }
        return targetConnection.createStatement();
    }

    /** Stops writing probes; throws if a probe failed other than by the source going away. */
    public void stop() {
        writer.stop();
    }

    @Override
    public void close() {
        writer.close();
        closeTarget();
    }

    private void closeTarget() {
        try {
            if (targetConnection != null) {
                targetConnection.close();
            }
        } catch (SQLException ignored) {
            // reopened on the next question
        }
        targetConnection = null;
    }
}
