import org.slf4j.LoggerFactory;

/** Logs through the worker's SLF4J binding what a busy worker logs, for ShippedLogConfigIT. */
public class LogProbe {
    public static void main(String[] args) {
        LoggerFactory.getLogger("io.debezium.metrics.stats.MeasurementCollector")
                .warn("Failed to add measurement event to queue, queue is full");
        LoggerFactory.getLogger("org.apache.kafka.connect.runtime.WorkerSinkTask").info("probe: an INFO line of the worker");
    }
}
