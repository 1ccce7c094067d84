package io.pg2polar.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends about as many bytes through the fresh broker as the full load will, the way the plugins do (transactions,
 * lz4 batches, half-megabyte records, a read_committed consumer with large fetches), before anything is timed.
 * The broker runs in the benchmark's own JVM, started seconds before; without this its just-in-time compiler
 * spent about five CPU-seconds compiling the fetch path in the middle of the full load, on the same two cores. A
 * production broker is long running, and usually on other machines.
 */
final class BrokerWarmUp {

    private static final String TOPIC = "bench-broker-warm-up";
    private static final int RECORDS = 400;
    private static final int RECORDS_PER_TRANSACTION = 16;

    private BrokerWarmUp() {}

    static Duration run(String bootstrapServers) {
        long started = System.nanoTime();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            produce(bootstrapServers);
            consume(bootstrapServers);
            admin.deleteTopics(List.of(TOPIC)).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while warming the broker up", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Could not warm the broker up: " + e.getCause().getMessage(), e.getCause());
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static void produce(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-broker-warm-up");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "4194304");
        byte[] value = copyTextLike(512 * 1024);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            for (int sent = 0; sent < RECORDS; sent += RECORDS_PER_TRANSACTION) {
                producer.beginTransaction();
                for (int i = 0; i < RECORDS_PER_TRANSACTION; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, value));
                }
                producer.commitTransaction();
            }
        }
    }

    private static void consume(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-broker-warm-up");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "52428800");
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, "104857600");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            int read = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (read < RECORDS && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            if (read < RECORDS) {
                throw new IllegalStateException("The broker warm-up read " + read + " of " + RECORDS + " records");
            }
        }
    }

    /** Lines shaped like pgbench_accounts' COPY text, so lz4 finds what it finds in the full load. */
    private static byte[] copyTextLike(int size) {
        StringBuilder text = new StringBuilder(size + 128);
        for (int row = 1; text.length() < size; row++) {
            text.append(row)
                    .append('\t')
                    .append(row % 20 + 1)
                    .append("\t0\t")
                    .append(" ".repeat(84))
                    .append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
