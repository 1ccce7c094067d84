package io.pg2polar.source.precheck;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.debezium.config.Configuration;
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.relational.TableId;

import io.pg2polar.source.topic.TableTopicNaming;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TopicCollisionCheckTest {

    private static final PostgresConnectorConfig CONFIG = new PostgresConnectorConfig(
            Configuration.from(Map.of("topic.prefix", "p", "topic.naming.strategy", TableTopicNaming.class.getName())));

    @Test
    void topicsDifferingOnlyInDotVersusUnderscoreCollide() {
        List<String> collisions = TopicCollisionCheck.collisions(
                CONFIG,
                List.of(
                        new TableId(null, "sales_eu", "orders"),
                        new TableId(null, "sales", "eu_orders"),
                        new TableId(null, "public", "fine")));
        assertEquals(
                List.of(
                        "\"sales_eu\".\"orders\" (topic p.sales_eu.orders) and \"sales\".\"eu_orders\" (topic p.sales.eu_orders)"),
                collisions);
    }

    @Test
    void tablesSharingATopicDoNotCollide() {
        assertEquals(
                List.of(),
                TopicCollisionCheck.collisions(
                        CONFIG,
                        List.of(
                                new TableId(null, "public", "a.b"),
                                new TableId(null, "public", "a_b"),
                                new TableId(null, "public", "a\"b"))));
    }
}
