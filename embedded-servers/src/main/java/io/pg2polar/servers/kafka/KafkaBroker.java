package io.pg2polar.servers.kafka;

import java.util.Properties;

import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

import io.pg2polar.servers.TempDirectory;

/**
 * One real KRaft Kafka node (combined controller and broker) in this JVM, from Kafka's own test kit. Topic
 * auto-creation is off, as on careful production clusters: whoever writes a topic must create it.
 */
public final class KafkaBroker implements AutoCloseable {

    private final EmbeddedKafkaCluster cluster;

    private KafkaBroker(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
    }

    public static KafkaBroker start() {
        TempDirectory.ensure();
        Properties props = new Properties();
        props.put("auto.create.topics.enable", "false");
        props.put("default.replication.factor", "1");
        props.put("num.partitions", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // a single node has no appends to batch: without the default 25 ms linger a new topic takes ~5 ms, not ~35,
        // which is most of a 2,000-table migration's start here (Connect creates a source's topics one at a time)
        props.put("controller.quorum.append.linger.ms", "1");
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(1, props);
        cluster.start();
        return new KafkaBroker(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * Stops the broker as an operator's {@code kafka-server-stop.sh} would (the KRaft controller of this node keeps
     * running); clients then find its port closed until {@link #startAgain()}.
     */
    public void stop() {
        cluster.stopOnlyBrokers();
    }

    /** Starts the stopped broker again on the same port, with the same log directories, and waits until it serves. */
    public void startAgain() {
        cluster.restartOnlyBrokers();
    }

    /** Kafka's test kit for this broker: consume and describe topics in assertions. */
    public EmbeddedKafkaCluster testKit() {
        return cluster;
    }

    @Override
    public void close() {
        cluster.stop();
    }
}
