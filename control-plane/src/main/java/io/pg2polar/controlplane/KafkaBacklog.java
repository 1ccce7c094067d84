package io.pg2polar.controlplane;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Whether the sink has applied every committed record of its data topics: for each partition, a read-committed
 * consumer (no group) starts at the next offset the sink recorded on the target and looks for a record before
 * the last stable offset. Offsets are compared by reading, since transaction markers take offsets of their own.
 * Heartbeat and sequence topics are left out: the source keeps writing them.
 */
final class KafkaBacklog {

    private static final List<String> CONTROL_SUFFIXES = List.of(".pg2polar.heartbeat", ".pg2polar.sequences");

    private KafkaBacklog() {}

    /** The sink's data topic partitions. */
    static List<TopicPartition> partitions(Map<String, Object> clientProps, Map<String, String> sinkConfig)
            throws Exception {
        try (Admin admin = Admin.create(clientProps)) {
            List<String> topics = new ArrayList<>();
            SinkTopics subscription = SinkTopics.of(sinkConfig);
            for (String topic : admin.listTopics().names().get()) {
                if (subscription.reads(topic) && CONTROL_SUFFIXES.stream().noneMatch(topic::endsWith)) {
                    topics.add(topic);
                }
            }
            List<TopicPartition> partitions = new ArrayList<>();
            if (topics.isEmpty()) {
                return partitions;
            }
            for (TopicDescription description :
                    admin.describeTopics(topics).allTopicNames().get().values()) {
                description
                        .partitions()
                        .forEach(p -> partitions.add(new TopicPartition(description.name(), p.partition())));
            }
            return partitions;
        }
    }

    /**
     * The partitions holding committed records the sink has not applied.
     *
     * @param nextToApply the next offset per partition recorded on the target; absent = nothing applied yet
     */
    static List<TopicPartition> unapplied(
            Map<String, Object> clientProps,
            List<TopicPartition> partitions,
            Map<TopicPartition, Long> nextToApply,
            Duration patience) {
        if (partitions.isEmpty()) {
            return List.of();
        }
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "pg2polar-cutover-check");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, nextToApply.getOrDefault(partition, 0L));
            }
            Map<TopicPartition, Long> stable = consumer.endOffsets(partitions);
            List<TopicPartition> behind = new ArrayList<>();
            Instant deadline = Instant.now().plus(patience);
            while (true) {
                behind.clear();
                for (TopicPartition partition : partitions) {
                    if (consumer.position(partition) < stable.get(partition)) {
                        behind.add(partition);
                    }
                }
                if (behind.isEmpty() || Instant.now().isAfter(deadline)) {
                    return behind;
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    return new ArrayList<>(records.partitions());
                }
            }
        }
    }
}
