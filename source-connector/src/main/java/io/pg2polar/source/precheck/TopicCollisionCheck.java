package io.pg2polar.source.precheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.debezium.config.CommonConnectorConfig;
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.relational.TableId;
import io.debezium.spi.topic.TopicNamingStrategy;

import io.pg2polar.common.precheck.PrecheckItem;
import io.pg2polar.common.sql.Identifiers;

import static io.pg2polar.common.precheck.PrecheckItem.Side.SOURCE;

/**
 * Selected tables whose topics Kafka refuses to create side by side: it treats {@code .} and {@code _} in topic
 * names as the same character ({@code Topic.hasCollision}), so {@code sales_eu.orders} and {@code sales.eu_orders}, or
 * Debezium's {@code public.a.b} next to {@code public.a_b}, cannot both have a topic, and the source task fails when
 * it sends the second table's first row. Tables whose topics are equal simply share it.
 */
public final class TopicCollisionCheck {

    private TopicCollisionCheck() {}

    public static PrecheckItem check(PostgresConnectorConfig config, List<TableId> tables, int listed) {
        List<String> collisions = collisions(config, tables);
        String title = "Kafka can create every selected table's topic";
        if (collisions.isEmpty()) {
            return PrecheckItem.pass(
                    "source.topic_collisions",
                    SOURCE,
                    TableNameCheck.FIELD,
                    title,
                    "no two topics differ only in '.' versus '_'");
        }
        return PrecheckItem.fail(
                "source.topic_collisions",
                SOURCE,
                TableNameCheck.FIELD,
                title,
                collisions.size() + " groups of selected tables"
                        + " go to topics that Kafka treats as the same name ('.' and '_' collide), so the source task would fail creating the"
                        + " second: " + SourceChecks.list(collisions, listed) + ".",
                "Leave all but one table of each group out (table.exclude.list)"
                        + " or rename them on the source so their topics differ by more than '.' and '_'.");
    }

    /** Each group of tables whose different topics collide, described with the topics. */
    static List<String> collisions(PostgresConnectorConfig config, List<TableId> tables) {
        TopicNamingStrategy<TableId> naming =
                config.getTopicNamingStrategy(CommonConnectorConfig.TOPIC_NAMING_STRATEGY);
        Map<String, Map<String, List<TableId>>> byUnified = new TreeMap<>();
        for (TableId table : tables) {
            String topic = naming.dataChangeTopic(table);
            byUnified
                    .computeIfAbsent(topic.replace('.', '_'), t -> new LinkedHashMap<>())
                    .computeIfAbsent(topic, t -> new ArrayList<>())
                    .add(table);
        }
        List<String> collisions = new ArrayList<>();
        for (Map<String, List<TableId>> topics : byUnified.values()) {
            if (topics.size() > 1) {
                List<String> members = new ArrayList<>();
                topics.forEach((topic, sharing) -> sharing.forEach(
                        t -> members.add(Identifiers.qualify(t.schema(), t.table()) + " (topic " + topic + ")")));
                collisions.add(String.join(" and ", members));
            }
        }
        return collisions;
    }
}
