package io.pg2polar.controlplane;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.health.ConnectorHealth;
import org.apache.kafka.connect.health.TaskState;

import io.pg2polar.common.control.HeartbeatTable;
import io.pg2polar.common.sequence.SequenceReader;
import io.pg2polar.common.sequence.SequenceRefusal;
import io.pg2polar.common.sequence.SequenceSync;
import io.pg2polar.common.sink.AppliedOffsetsReader;
import io.pg2polar.common.sink.ConnectorProgress;
import io.pg2polar.common.sink.TargetStateSchema;
import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.controlplane.verify.VerificationReport;
import io.pg2polar.controlplane.verify.Verifier;
import io.pg2polar.controlplane.verify.VerifyOptions;

/**
 * Cutover in one call, once the application has stopped writing to the source: refuses when a task failed;
 * writes a heartbeat marker on the source and waits until the target applied it and every record of the data
 * topics (zero lag); syncs sequences a last time; re-creates held-back foreign keys; optionally verifies; pauses
 * or deletes both connectors; optionally revokes the sink account's write privileges on the migrated tables. Each
 * step is reported; a failed step stops the cutover with the connectors still running. A dry run checks and
 * reports what it would do, changing nothing.
 */
final class Cutover {

    enum Action {
        PAUSE,
        DELETE
    }

    record Options(
            boolean dryRun, Duration timeout, VerifyOptions.Mode verifyMode, Action action, boolean revokeWrites) {}

    private final Migration migration;
    private final ConnectClusterState cluster;
    private final WorkerSettings worker;
    private final Options options;
    private final String authorization;
    private final StepReport report;

    /** @param authorization the caller's {@code Authorization} header (null when it sent none), for the worker's own API */
    Cutover(
            Migration migration,
            ConnectClusterState cluster,
            WorkerSettings worker,
            Options options,
            String authorization) {
        this.migration = migration;
        this.cluster = cluster;
        this.worker = worker;
        this.options = options;
        this.authorization = authorization;
        this.report = new StepReport(migration.name(), "cutover", options.dryRun());
    }

    /** The steps so far; while {@link #run()} runs, another thread may read it. */
    StepReport report() {
        return report;
    }

    /** Runs the steps; the report says which completed. */
    StepReport run() {
        if (!checkConnectors()) {
            return report;
        }
        try (Connection source = migration.connectSource();
                Connection target = migration.connectTarget()) {
            List<TableId> tables = migration.tables(source);
            if (options.dryRun()) {
                describe(source, target, tables);
                return report;
            }
            boolean ok = awaitCaughtUp(source, target)
                    && syncSequences(source, target, tables)
                    && restoreForeignKeys(target)
                    && verify(tables)
                    && stopConnectors()
                    && revokeWrites(target, tables);
            if (ok) {
                report.step(
                        "done",
                        StepReport.DONE,
                        "The target holds everything the source committed; point the application at "
                                + migration.targetEndpoint().describe());
            }
        } catch (SQLException e) {
            report.step("database", StepReport.FAILED, "A database call failed: " + e.getMessage());
        }
        return report;
    }

    /** Refuses when a connector is missing, failed or paused: a failed or paused task cannot catch up. */
    private boolean checkConnectors() {
        for (String name : List.of(migration.sourceConnector(), migration.sinkConnector())) {
            ConnectorHealth health;
            try {
                health = cluster.connectorHealth(name);
            } catch (RuntimeException e) {
                report.step(
                        "check-connectors",
                        StepReport.FAILED,
                        "Connector " + name + " does not exist on this Connect cluster");
                return false;
            }
            for (Map.Entry<Integer, TaskState> task : health.tasksState().entrySet()) {
                if (MigrationStatus.FAILED.equals(task.getValue().state())) {
                    String trace = task.getValue().traceMessage() == null
                            ? ""
                            : task.getValue().traceMessage().lines().findFirst().orElse("");
                    report.step(
                            "check-connectors",
                            StepReport.FAILED,
                            "Refused: task " + task.getKey() + " of " + name + " FAILED (" + trace
                                    + "). Fix the cause and restart it (POST /connectors/" + name
                                    + "/restart?includeTasks=true&onlyFailed=true),"
                                    + " then call cutover again.");
                    return false;
                }
            }
            String state = health.connectorState().state();
            if (!"RUNNING".equals(state)) {
                report.step(
                        "check-connectors",
                        StepReport.FAILED,
                        "Refused: connector " + name + " is " + state
                                + "; it must be RUNNING to catch up (PUT /connectors/" + name + "/resume).");
                return false;
            }
        }
        report.step("check-connectors", StepReport.DONE, "Both connectors and all their tasks are RUNNING");
        return true;
    }

    private void describe(Connection source, Connection target, List<TableId> tables) throws SQLException {
        Long lag = MigrationStatus.lag(
                HeartbeatTable.latest(source, migration.slotName()),
                ConnectorProgress.read(target, migration.sinkConnector()));
        report.step(
                "await-zero-lag",
                StepReport.WOULD,
                "Write a heartbeat marker on the source and wait up to "
                        + options.timeout().toSeconds()
                        + " s until the target applied it and every record of the data topics (lag now: "
                        + (lag == null ? "unknown" : lag + " ms") + ")");
        report.step(
                "sync-sequences",
                StepReport.WOULD,
                "Move "
                        + SequenceReader.read(source, Migration.schemasOf(tables))
                                .size() + " target sequences up to the source's positions");
        report.step(
                "restore-foreign-keys",
                StepReport.WOULD,
                "Re-create held-back foreign keys (SELECT pg2polar.restore_foreign_keys())");
        report.step(
                "verify",
                options.verifyMode() == null ? StepReport.SKIPPED : StepReport.WOULD,
                options.verifyMode() == null
                        ? "No verification asked for (verify=count|sample|full)"
                        : "Verify " + tables.size() + " tables ("
                                + options.verifyMode().name().toLowerCase() + ")");
        report.step(
                "stop-connectors",
                StepReport.WOULD,
                (options.action() == Action.DELETE ? "Delete " : "Pause ") + migration.sourceConnector() + " and "
                        + migration.sinkConnector());
        report.step(
                "revoke-writes",
                options.revokeWrites() ? StepReport.WOULD : StepReport.SKIPPED,
                options.revokeWrites()
                        ? "REVOKE INSERT, UPDATE, DELETE, TRUNCATE on the migrated tables FROM "
                                + migration.targetEndpoint().user()
                        : "Write privileges kept (revokeWrites=true revokes them)");
    }

    private boolean awaitCaughtUp(Connection source, Connection target) throws SQLException {
        Instant started = Instant.now();
        Instant deadline = started.plus(options.timeout());
        long marker = HeartbeatTable.beat(source, migration.slotName());
        while (true) {
            Long applied =
                    ConnectorProgress.read(target, migration.sinkConnector()).heartbeatAtMillis();
            if (applied != null && applied >= marker) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                report.step(
                        "await-zero-lag",
                        StepReport.FAILED,
                        "The target did not apply the heartbeat marker written at " + Instant.ofEpochMilli(marker)
                                + " within " + options.timeout().toSeconds() + " s (newest applied: "
                                + (applied == null ? "none" : Instant.ofEpochMilli(applied))
                                + "). Is the application still writing? Call cutover again, with a longer timeoutSeconds if the backlog is large.",
                        took(started));
                return false;
            }
            pause(Duration.ofMillis(500));
        }
        try {
            List<TopicPartition> partitions =
                    KafkaBacklog.partitions(worker.kafkaClientProps(), migration.sinkConfig());
            while (true) {
                List<TopicPartition> behind = KafkaBacklog.unapplied(
                        worker.kafkaClientProps(),
                        partitions,
                        AppliedOffsetsReader.all(target, migration.sinkConnector()),
                        Duration.ofSeconds(10));
                if (behind.isEmpty()) {
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    report.step(
                            "await-zero-lag",
                            StepReport.FAILED,
                            "Records not applied yet after " + options.timeout().toSeconds() + " s in " + behind,
                            took(started));
                    return false;
                }
                pause(Duration.ofMillis(500));
            }
            report.step(
                    "await-zero-lag",
                    StepReport.DONE,
                    "The target applied the heartbeat marker and every record of " + partitions.size()
                            + " data topic partitions",
                    took(started));
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            report.step(
                    "await-zero-lag",
                    StepReport.FAILED,
                    "Could not read the data topics from Kafka: " + e.getMessage(),
                    took(started));
            return false;
        }
    }

    private boolean syncSequences(Connection source, Connection target, List<TableId> tables) throws SQLException {
        Instant started = Instant.now();
        // the sink's name mapping moves sequences into their tables' target schemas
        var sequences = SequenceReader.read(source, Migration.schemasOf(tables)).stream()
                .map(s -> s.inSchema(migration.nameMapping().schema(s.schema())))
                .toList();
        target.setAutoCommit(false);
        SequenceSync.Result result = SequenceSync.apply(target, sequences);
        target.commit();
        target.setAutoCommit(true);
        if (!result.refused().isEmpty()) {
            SequenceRefusal first = result.refused().get(0);
            report.step(
                    "sync-sequences",
                    StepReport.FAILED,
                    result.refused().size() + " target sequences refused the source's position, e.g. "
                            + first.describe() + ". " + first.fix() + ", then run the cutover again.",
                    took(started));
            return false;
        }
        int moved = result.moved();
        report.step(
                "sync-sequences",
                StepReport.DONE,
                sequences.size() + " sequences checked, " + moved + " moved up to the source's position",
                took(started));
        return true;
    }

    private boolean restoreForeignKeys(Connection target) throws SQLException {
        Instant started = Instant.now();
        try {
            int restored = TargetStateSchema.restoreForeignKeys(target);
            report.step(
                    "restore-foreign-keys",
                    restored < 0 ? StepReport.SKIPPED : StepReport.DONE,
                    restored < 0
                            ? "No pg2polar state on the target"
                            : restored + " held-back foreign keys re-created and validated",
                    took(started));
            return true;
        } catch (SQLException e) {
            report.step(
                    "restore-foreign-keys",
                    StepReport.FAILED,
                    "Re-creating held-back foreign keys failed: " + e.getMessage()
                            + ". Fix the rows that violate it on the target and call cutover again.",
                    took(started));
            return false;
        }
    }

    private boolean verify(List<TableId> tables) {
        if (options.verifyMode() == null) {
            report.step("verify", StepReport.SKIPPED, "No verification asked for (verify=count|sample|full)");
            return true;
        }
        Instant started = Instant.now();
        VerificationReport verification = new Verifier(
                        migration.sourceEndpoint(),
                        migration.targetEndpoint(),
                        VerifyOptions.defaults()
                                .withMode(options.verifyMode(), 100)
                                .withRecheckDelay(Duration.ofSeconds(2))
                                .withPolarDbTarget(migration.polarDbTarget()))
                .verify(tables);
        if (!verification.equal()) {
            report.step(
                    "verify",
                    StepReport.FAILED,
                    "The target differs from the source; connectors left running: " + verification.toJson(),
                    took(started));
            return false;
        }
        report.step(
                "verify",
                StepReport.DONE,
                tables.size() + " tables equal (" + options.verifyMode().name().toLowerCase() + ")",
                took(started));
        return true;
    }

    private boolean stopConnectors() {
        Instant started = Instant.now();
        WorkerRestClient rest = new WorkerRestClient(worker.restUrl(), authorization);
        try {
            for (String name : List.of(migration.sourceConnector(), migration.sinkConnector())) {
                if (options.action() == Action.DELETE) {
                    rest.delete(name);
                } else {
                    rest.pause(name);
                }
            }
        } catch (IllegalStateException e) {
            report.step("stop-connectors", StepReport.FAILED, e.getMessage(), took(started));
            return false;
        }
        report.step(
                "stop-connectors",
                StepReport.DONE,
                (options.action() == Action.DELETE ? "Deleted " : "Paused ") + migration.sourceConnector() + " and "
                        + migration.sinkConnector(),
                took(started));
        return true;
    }

    private boolean revokeWrites(Connection target, List<TableId> tables) throws SQLException {
        if (!options.revokeWrites()) {
            report.step("revoke-writes", StepReport.SKIPPED, "Write privileges kept (revokeWrites=true revokes them)");
            return true;
        }
        String user = migration.targetEndpoint().user();
        try (Statement statement = target.createStatement()) {
            for (TableId table : tables) {
                statement.addBatch("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON " + table.quoted() + " FROM "
                        + Identifiers.quote(user));
            }
            statement.executeBatch();
            boolean superuser;
            try (ResultSet rs = statement.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
                superuser = rs.next() && rs.getBoolean(1);
            }
            report.step(
                    "revoke-writes",
                    StepReport.DONE,
                    "Revoked INSERT, UPDATE, DELETE, TRUNCATE on " + tables.size() + " tables from " + user
                            + (superuser
                                    ? " - but " + user
                                            + " is a superuser, whom privileges do not bind: use a non-superuser sink account"
                                    : ""));
        }
        return true;
    }

    private static Duration took(Instant started) {
        return Duration.between(started, Instant.now());
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the target to catch up", e);
        }
    }
}
