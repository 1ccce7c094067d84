package io.pg2polar.it;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

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
 * turn into black holes (a proxy stops forwarding and closes nothing, so no reset or end of stream ever arrives). With
 * the settings users get, the source task and the sink task each notice their dead connection within the documented
 * bound (README "Faults": about 70 s for the source, 60 s for the sink), keep trying, and resume when the link heals, with
 * nothing lost.
 */
class NetworkPartitionIT {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkPartitionIT.class);
    /** The documented bounds (source 2 x 30 s + the 10 s probe interval, sink 60 s) and this machine's slack. */
    private static final Duration DETECTION_BOUND = Duration.ofSeconds(90);

    @RegisterExtension
    static final MigrationEnvironment env = MigrationEnvironment.dedicated();

    @Test
    void deadLinksToSourceAndTargetAreNoticedAndResumed() {
        try (TcpProxy toSource = TcpProxy.start(env.source().host(), env.source().port());
                TcpProxy toTarget = TcpProxy.start(env.target().host(), env.target().port());
                FaultMigration sourceSide = FaultMigration.prepare(env, "part_src", 0)
                        .start(Map.of("database.hostname", toSource.host(), "database.port", Integer.toString(toSource.port())), Map.of());
                FaultMigration targetSide = FaultMigration.prepare(env, "part_tgt", 0)
                        .start(Map.of(), Map.of("connection.host", toTarget.host(), "connection.port", Integer.toString(toTarget.port())))) {
            sourceSide.awaitStreaming(Duration.ofMinutes(3));
            targetSide.awaitStreaming(Duration.ofMinutes(3));
            int logBefore = env.worker().logText().length();

            toSource.blackHole();
            toTarget.blackHole();
            Instant cut = Instant.now();
            Duration sourceNoticed = noticed(logBefore, cut, "Going to restart connector after");
            Duration targetNoticed = noticed(logBefore, cut, "to postgres@127.0.0.1:" + toTarget.port() + "/part_tgt_tgt failed");
            toSource.heal();
            toTarget.heal();
            Instant healed = Instant.now();

            Duration sourceRecovery = sourceSide.awaitRecovery(healed, Duration.ofMinutes(3));
            Duration targetRecovery = targetSide.awaitRecovery(healed, Duration.ofMinutes(3));
            LOG.info("FAULT partition to the source: noticed after {} ms; lag under 1 s {} ms after it healed", sourceNoticed.toMillis(),
                    sourceRecovery.toMillis());
            LOG.info("FAULT partition to the target: noticed after {} ms; lag under 1 s {} ms after it healed", targetNoticed.toMillis(),
                    targetRecovery.toMillis());
            sourceSide.finish(Duration.ofMinutes(3));
            targetSide.finish(Duration.ofMinutes(3));
        }
    }

    /** Waits until the worker logs {@code line} after the partition began, and returns how long that took. */
    private static Duration noticed(int logBefore, Instant cut, String line) {
        Await.until("the worker notices the dead link (logs '" + line + "') within " + DETECTION_BOUND, DETECTION_BOUND.minus(Duration.between(cut, Instant.now())),
                () -> env.worker().logText().indexOf(line, logBefore) >= 0);
        return Duration.between(cut, Instant.now());
    }
}
