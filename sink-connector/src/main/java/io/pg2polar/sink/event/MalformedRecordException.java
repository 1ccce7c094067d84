package io.pg2polar.sink.event;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/** A record that is not a Debezium change event the sink can apply; the message names the record and the fix. */
public class MalformedRecordException extends DataException {

    private static final long serialVersionUID = 1L;

    public MalformedRecordException(SinkRecord record, String problem) {
        super("Record " + record.topic() + '[' + record.kafkaPartition() + "]@" + record.kafkaOffset()
                + " is not a change event"
                + " pg2polar can apply: " + problem
                + ". The sink expects Debezium change events with schemas (JsonConverter with"
                + " schemas.enable=true, or Avro); check topics.regex and the converters, or set errors.tolerance=all with"
                + " errors.deadletterqueue.topic.name to set such records aside.");
    }
}
