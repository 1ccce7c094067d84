package io.pg2polar.sink;

import java.util.Collection;
import java.util.Map;

import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.ChangeEventConventions;
import io.pg2polar.common.Pg2PolarVersion;
import io.pg2polar.sink.dialect.postgres.PostgresDialect;
import io.pg2polar.sink.event.DebeziumEnvelopeDecoder;
import io.pg2polar.sink.jdbc.TargetSession;
import io.pg2polar.sink.value.PgTextEncoder;
import io.pg2polar.sink.write.TableBatchWriter;

/**
 * The sink task: lifecycle only. Each {@code put} is applied and committed on the target before it returns,
 * so the offsets Connect commits afterwards cover only durable rows.
 */
public class Pg2PolarSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(Pg2PolarSinkTask.class);

    private ChangeApplier applier;

    @Override
    public String version() {
        return Pg2PolarVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        Pg2PolarSinkConfig config = new Pg2PolarSinkConfig(props);
        PostgresDialect dialect = new PostgresDialect();
        TargetSession session = new TargetSession(config.targetEndpoint(), dialect, config.connectTimeout());
        PgTextEncoder encoder = new PgTextEncoder(ChangeEventConventions.UNAVAILABLE_VALUE_PLACEHOLDER);
        applier = new ChangeApplier(session, new DebeziumEnvelopeDecoder(encoder), new TableBatchWriter(dialect));
        LOG.info("pg2polar sink task applying to {}", config.targetEndpoint().describe());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (!records.isEmpty()) {
            applier.apply(records);
        }
    }

    @Override
    public void stop() {
        if (applier != null) {
            applier.close();
        }
    }
}
