package io.pg2polar.sink;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.Pg2PolarVersion;
import io.pg2polar.sink.retry.RetryLaterException;
import io.pg2polar.sink.status.ProgressLog;
import io.pg2polar.sink.status.SinkTaskMetrics;

/**
 * The sink task: lifecycle and offsets only. Each {@code put} is applied and committed on the target together
 * with its Kafka offsets before it returns; on (re)assignment the task resumes from the offsets stored on the
 * target, so a crash replays nothing twice.
 */
public class Pg2PolarSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(Pg2PolarSinkTask.class);

    /** How long a partition held back at a rename rests before it is read again. */
    private static final Duration HOLD_PAUSE = Duration.ofMillis(500);

    private final Map<TopicPartition, Long> heldSince = new HashMap<>();
    private ChangeApplier applier;
    private SinkTaskMetrics metrics;
    private ProgressLog progressLog;

    @Override
    public String version() {
        return Pg2PolarVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        Pg2PolarSinkConfig config = new Pg2PolarSinkConfig(props);
        ErrantRecordReporter reporter = context.errantRecordReporter();
        metrics = new SinkTaskMetrics(Clock.systemUTC()).register(config.connectorName(), config.taskIndex());
        progressLog =
                new ProgressLog(config.connectorName() + " task " + config.taskIndex(), metrics, Clock.systemUTC());
        applier = ChangeApplier.forConfig(config, reporter, metrics);
        LOG.info(
                "pg2polar sink task applying to {}{}",
                config.targetEndpoint().describe(),
                reporter == null ? "" : "; rejected records go to the errant record reporter");
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> resume = applier.resumeOffsets(partitions);
        if (!resume.isEmpty()) {
            LOG.info("Resuming from the offsets applied on the target: {}", resume);
            context.offset(resume);
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        resumeHeldPartitions();
        if (records.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, Long> held = applier.apply(records);
            if (!held.isEmpty()) {
                // read again from the rename a moment later, when the old name's topic may have reached it
                context.offset(held);
                context.pause(held.keySet().toArray(TopicPartition[]::new));
                held.keySet().forEach(partition -> heldSince.put(partition, System.nanoTime()));
            }
            progressLog.maybeLog();
        } catch (RetryLaterException e) {
            context.timeout(e.backoff().toMillis());
            throw e;
        }
    }

    private void resumeHeldPartitions() {
        long now = System.nanoTime();
        heldSince.entrySet().removeIf(held -> {
            if (now - held.getValue() < HOLD_PAUSE.toNanos()) {
                return false;
            }
            context.resume(held.getKey());
            return true;
        });
    }

    /** Only offsets whose changes are committed on the target, keyed by the records' original topic partitions. */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> durable = new HashMap<>();
        applier.committedOffsets(currentOffsets.keySet())
                .forEach((tp, next) -> durable.put(tp, new OffsetAndMetadata(next)));
        return durable;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        applier.forget(partitions);
        heldSince.keySet().removeAll(partitions);
    }

    @Override
    public void stop() {
        if (applier != null) {
            applier.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
