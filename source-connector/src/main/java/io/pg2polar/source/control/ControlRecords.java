package io.pg2polar.source.control;

import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.relational.TableId;
import io.debezium.spi.topic.TopicNamingStrategy;

import io.pg2polar.common.control.ControlEvents;
import io.pg2polar.common.control.CopyChunk;
import io.pg2polar.common.control.Heartbeat;
import io.pg2polar.common.control.SchemaChange;

/**
 * Turns control events into Kafka records: a schema change goes into its table's topic, named exactly as
 * Debezium names it, and a copy into {@code <prefix>.schema-changes}; a heartbeat into
 * {@code <prefix>.pg2polar.heartbeat}. The records carry no source offset, so
 * they never move the position a restart resumes from.
 */
public final class ControlRecords {

    private final TopicNamingStrategy<TableId> topics;
    private final String schemaChangesTopic;
    private final String heartbeatTopic;

    public ControlRecords(PostgresConnectorConfig config) {
        this.topics = config.getTopicNamingStrategy(io.debezium.config.CommonConnectorConfig.TOPIC_NAMING_STRATEGY);
        this.schemaChangesTopic = config.getLogicalName() + '.' + ControlEvents.SCHEMA_CHANGES_TOPIC_SUFFIX;
        this.heartbeatTopic = config.getLogicalName() + '.' + Heartbeat.TOPIC_SUFFIX;
    }

    /** The table's topic first, then the copy for consumers; neither moves the source offset. */
    public List<SourceRecord> schemaChange(SchemaChange change) {
        return schemaChange(change, null, null);
    }

    /**
     * The table's topic first, carrying the given source position (that of the WAL record the change came from,
     * so committing it moves the resume point past it), then the copy for consumers.
     */
    public List<SourceRecord> schemaChange(
            SchemaChange change, Map<String, ?> sourcePartition, Map<String, ?> sourceOffset) {
        return List.of(
                tableRecord(change.table(), change, sourcePartition, sourceOffset),
                record(schemaChangesTopic, change, null, null, headers()));
    }

    /** The change, in the topic of the given table. */
    public SourceRecord tableRecord(
            io.pg2polar.common.sql.TableId table,
            SchemaChange change,
            Map<String, ?> sourcePartition,
            Map<String, ?> sourceOffset) {
        ConnectHeaders headers = headers();
        if (change.isRename()) {
            headers.addString(
                    ControlEvents.RENAME_COPY_HEADER,
                    table.equals(change.previous()) ? ControlEvents.OLD_NAME_COPY : ControlEvents.NEW_NAME_COPY);
        }
        return record(
                topics.dataChangeTopic(new TableId(null, table.schema(), table.table())),
                change,
                sourcePartition,
                sourceOffset,
                headers);
    }

    /** A heartbeat, carrying the source position of the WAL record it came from. */
    public SourceRecord heartbeat(Heartbeat heartbeat, Map<String, ?> sourcePartition, Map<String, ?> sourceOffset) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(ControlEvents.HEADER, "heartbeat");
        return new SourceRecord(
                sourcePartition,
                sourceOffset,
                heartbeatTopic,
                null,
                null,
                null,
                Heartbeat.VALUE_SCHEMA,
                heartbeat.toStruct(),
                heartbeat.commitMillis(),
                headers);
    }

    /** The change topic of a table, as Debezium names it. */
    public String topicOf(io.pg2polar.common.sql.TableId table) {
        return topics.dataChangeTopic(new TableId(null, table.schema(), table.table()));
    }

    /** Snapshot rows of one table, into that table's topic. */
    public SourceRecord copyChunk(CopyChunk chunk, Map<String, ?> sourcePartition, Map<String, ?> sourceOffset) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(ControlEvents.HEADER, CopyChunk.HEADER_VALUE);
        String topic = topicOf(chunk.table());
        Struct value = chunk.toStruct();
        return new SourceRecord(
                sourcePartition,
                sourceOffset,
                topic,
                null,
                null,
                null,
                value.schema(),
                value,
                chunk.timestampMillis(),
                headers);
    }

    private static ConnectHeaders headers() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(ControlEvents.HEADER, "schema-change");
        return headers;
    }

    private static SourceRecord record(
            String topic,
            SchemaChange change,
            Map<String, ?> sourcePartition,
            Map<String, ?> sourceOffset,
            ConnectHeaders headers) {
        return new SourceRecord(
                sourcePartition,
                sourceOffset,
                topic,
                null,
                null,
                null,
                SchemaChange.VALUE_SCHEMA,
                change.toStruct(),
                change.timestampMillis(),
                headers);
    }
}
