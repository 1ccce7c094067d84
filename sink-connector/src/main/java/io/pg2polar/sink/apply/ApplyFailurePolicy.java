package io.pg2polar.sink.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.jdbc.SqlStates;
import io.pg2polar.sink.Pg2PolarSinkConfig;
import io.pg2polar.sink.catalog.TargetCatalog;
import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.jdbc.TargetSession;
import io.pg2polar.sink.retry.RetryLaterException;
import io.pg2polar.sink.retry.RetryWindows;
import io.pg2polar.sink.status.ApplyProgress;
import io.pg2polar.sink.write.FailureIsolation;
import io.pg2polar.sink.write.RejectedChange;
import io.pg2polar.sink.write.TableChangesWriter;

/**
 * What a failed batch leads to: a missing privilege fails the task at once; a lost connection is retried within
 * {@code connection.retry.window}, a rejected change within {@code apply.retry.window}; then the task fails naming
 * table, key and cause, or, with an errant record reporter, the rejected records are set aside and the rest is applied.
 */
public final class ApplyFailurePolicy {

    private static final Logger LOG = LoggerFactory.getLogger(ApplyFailurePolicy.class);

    private final TargetSession session;
    private final TargetCatalog catalog;
    private final RetryWindows retries;
    private final EventHandlers handlers;
    private final BatchCommit batches;
    private final ErrantRecords errantRecords;
    private final ApplyProgress progress;

    public ApplyFailurePolicy(
            TargetSession session,
            TargetCatalog catalog,
            RetryWindows retries,
            EventHandlers handlers,
            BatchCommit batches,
            ErrantRecords errantRecords,
            ApplyProgress progress) {
        this.session = session;
        this.catalog = catalog;
        this.retries = retries;
        this.handlers = handlers;
        this.batches = batches;
        this.errantRecords = errantRecords;
        this.progress = progress;
    }

    /**
     * Decides after the batch's transaction was rolled back: returns when the rest of the batch was applied without
     * the rejected records (set aside), throws otherwise.
     *
     * @throws RetryLaterException when a later attempt may succeed
     * @throws ConnectException    when the task must stop, naming the cause and the fix
     */
    public void onFailure(SQLException failure, Collection<SinkRecord> records, List<ChangeEvent> events) {
        SQLException cause = TableChangesWriter.serverError(failure);
        if (SqlStates.isPermissionProblem(cause)) {
            throw new ConnectException(
                    "Target user '" + session.endpoint().user() + "' lacks a privilege on "
                            + session.endpoint().describe() + ": " + cause.getMessage()
                            + ". The sink needs to own the target tables"
                            + " (as DTS requires a database owner) and to create the schema pg2polar (GRANT CREATE ON DATABASE).",
                    failure);
        }
        boolean connectionLost = SqlStates.isConnectionLoss(cause);
        RetryWindows.Kind kind =
                connectionLost || SqlStates.isTransient(cause) ? RetryWindows.Kind.CONNECTION : RetryWindows.Kind.APPLY;
        Optional<Duration> backoff = retries.failed(kind);
        if (connectionLost) {
            catalog.clear();
        }
        if (backoff.isPresent()) {
            LOG.warn(
                    "Applying {} records to {} failed ({}); nothing was committed, retrying in {} s (failing for {} s of the {} min {})",
                    records.size(),
                    session.endpoint().describe(),
                    cause.getMessage(),
                    backoff.get().toSeconds(),
                    retries.failingFor().toSeconds(),
                    retries.window(kind).toMinutes(),
                    windowName(kind));
            throw new RetryLaterException(
                    "Applying to the target failed: " + cause.getMessage(), backoff.get(), failure);
        }
        if (kind == RetryWindows.Kind.CONNECTION) {
            throw new ConnectException(
                    "The target " + session.endpoint().describe() + " could not be reached or kept failing for "
                            + retries.failingFor().toMinutes() + " min (" + windowName(kind) + "): "
                            + cause.getMessage()
                            + ". Nothing since the last commit was applied; restart the task when the target is back.",
                    failure);
        }
        settleRejected(records, events, failure);
    }

    /** The apply window has closed: name the rejected change, or report every rejected one and apply the rest. */
    private void settleRejected(Collection<SinkRecord> records, List<ChangeEvent> events, SQLException failure) {
        try {
            Connection connection = session.connection();
            List<RejectedChange> rejected = new FailureIsolation(catalog, handlers::applyOne)
                    .apply(connection, events, !errantRecords.enabled());
            if (!rejected.isEmpty() && !errantRecords.enabled()) {
                connection.rollback();
                throw new ConnectException(
                        "The target rejected the " + rejected.get(0).describe() + " for "
                                + retries.failingFor().toMinutes() + " min (" + windowName(RetryWindows.Kind.APPLY)
                                + "). Fix the target"
                                + " or the data and restart the task, or set errors.tolerance=all with a dead letter queue to set such"
                                + " records aside.",
                        rejected.get(0).cause());
            }
            Set<ChangeEvent> rejectedEvents = Collections.newSetFromMap(new IdentityHashMap<>());
            for (RejectedChange change : rejected) {
                errantRecords.report(
                        change.event().origin(),
                        new ConnectException("Rejected by the target: " + change.describe(), change.cause()));
                rejectedEvents.add(change.event());
                progress.rejected(change.event());
            }
            events.stream().filter(e -> !rejectedEvents.contains(e)).forEach(progress::applied);
            batches.commit(connection, records);
        } catch (SQLException e) {
            batches.abandon(e);
            e.addSuppressed(failure);
            throw new RetryLaterException(
                    "Lost the target while isolating a rejected change: " + e.getMessage(), Duration.ofSeconds(1), e);
        }
    }

    private static String windowName(RetryWindows.Kind kind) {
        return kind == RetryWindows.Kind.CONNECTION
                ? Pg2PolarSinkConfig.CONNECTION_RETRY_WINDOW
                : Pg2PolarSinkConfig.APPLY_RETRY_WINDOW;
    }
}
