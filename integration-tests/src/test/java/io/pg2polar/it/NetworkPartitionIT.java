package io.pg2polar.it;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.FaultMigration;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.servers.net.TcpProxy;

/**
 * A network partition, not a refusal: the link to the source of one migration and the link to the target of another
 * turn into black holes (a proxy stops forwarding and closes nothing, so no reset or end of stream ever arrives). The
 * source task and the sink task each notice their dead connection within the documented bound (README "Faults": about
 * 70 s for the source; for the sink its {@code connection.read.timeout.seconds}, 60 s by default and 30 s here, so that
 * both links are noticed in about the same time), keep trying, and resume when the link heals, with nothing lost. The
 * partition touches only this class's connections, so it runs on the shared servers.
 */
class NetworkPartitionIT {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkPartitionIT.class);
    /**
     * The documented bounds: the sink its read timeout; the source 2 x 30 s + the 10 s probe interval, or up to 3 x 30 s
     * when the sequence reader, which runs in the task's poll, is reading over the dead link too (the whole suite once
     * saw 90 s: read timeout, connect timeout, refused attempt, then Debezium's restart), and this machine's slack.
     */
    private static final Duration DETECTION_BOUND = Duration.ofSeconds(120);
    /** The sink's connection.read.timeout.seconds: what notices a dead link to the target. */
    private static final String SINK_READ_TIMEOUT_SECONDS = "30";

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    @Test
    void deadLinksToSourceAndTargetAreNoticedAndResumed() {
        try (TcpProxy toSource =
                        TcpProxy.start(env.source().host(), env.source().port());
                TcpProxy toTarget =
                        TcpProxy.start(env.target().host(), env.target().port());
                FaultMigration sourceSide = FaultMigration.prepare(env, "part_src", 0)
                        .start(
                                Map.of(
                                        "database.hostname",
                                        toSource.host(),
                                        "database.port",
                                        Integer.toString(toSource.port())),
                                Map.of());
                FaultMigration targetSide = FaultMigration.prepare(env, "part_tgt", 0)
                        .start(
                                Map.of(),
                                Map.of(
                                        "connection.host",
                                        toTarget.host(),
                                        "connection.port",
                                        Integer.toString(toTarget.port()),
                                        "connection.read.timeout.seconds",
                                        SINK_READ_TIMEOUT_SECONDS))) {
            sourceSide.awaitStreaming(Duration.ofMinutes(3));
            targetSide.awaitStreaming(Duration.ofMinutes(3));
            int logBefore = env.worker().logText().length();

            toSource.blackHole();
            toTarget.blackHole();
            Instant cut = Instant.now();
            List<Duration> noticed = noticed(
                    logBefore,
                    cut,
                    "Going to restart connector after",
                    "to postgres@127.0.0.1:" + toTarget.port() + "/part_tgt_tgt failed");
            Duration sourceNoticed = noticed.get(0);
            Duration targetNoticed = noticed.get(1);
            toSource.heal();
            toTarget.heal();
            Instant healed = Instant.now();

            List<Duration> recoveries =
                    FaultMigration.awaitRecoveries(healed, Duration.ofMinutes(3), sourceSide, targetSide);
            Duration sourceRecovery = recoveries.get(0);
            Duration targetRecovery = recoveries.get(1);
            LOG.info(
                    "FAULT partition to the source: noticed after {} ms; lag under 1 s {} ms after it healed",
                    sourceNoticed.toMillis(),
                    sourceRecovery.toMillis());
            LOG.info(
                    "FAULT partition to the target: noticed after {} ms; lag under 1 s {} ms after it healed",
                    targetNoticed.toMillis(),
                    targetRecovery.toMillis());
            sourceSide.finish(Duration.ofMinutes(3));
            targetSide.finish(Duration.ofMinutes(3));
        }
    }

    /**
     * Waits until the worker logs each of {@code lines} after the partition began, and returns how long each took
     * (timed on its own: waiting for one after the other would give the later ones the earlier ones' time).
     */
    private static List<Duration> noticed(int logBefore, Instant cut, String... lines) {
        Duration[] after = new Duration[lines.length];
        Await.until(
                "the worker notices the dead links (logs " + Arrays.toString(lines) + ") within " + DETECTION_BOUND,
                DETECTION_BOUND.minus(Duration.between(cut, Instant.now())),
                () -> {
                    String log = env.worker().logText();
                    for (int i = 0; i < lines.length; i++) {
                        if (after[i] == null && log.indexOf(lines[i], logBefore) >= 0) {
                            after[i] = Duration.between(cut, Instant.now());
                        }
                    }
                    return Arrays.stream(after).allMatch(Objects::nonNull);
                });
        return List.of(after);
    }
}
