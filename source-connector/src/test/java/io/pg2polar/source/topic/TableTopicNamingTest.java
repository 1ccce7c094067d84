package io.pg2polar.source.topic;

import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.debezium.relational.TableId;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TableTopicNamingTest {

    private final TableTopicNaming naming = naming();

    @Test
    void everyTableGetsAThreePartTopic() {
        assertEquals("pg2polar.public.orders", topic("public", "orders"));
        assertEquals("pg2polar.public.a_b", topic("public", "a.b"));
        assertEquals("pg2polar.s_dot.t_dot", topic("s.dot", "t.dot"));
        assertEquals("pg2polar.public._", topic("public", " "));
        assertEquals("pg2polar.Sales_Dept.Order__Items_", topic("Sales Dept", "Order \"Items\""));
        assertEquals("pg2polar.public.__", topic("public", "订单"));
        assertEquals("pg2polar.public.Stra_e", topic("public", "Straße"));
    }

    private String topic(String schema, String table) {
        return naming.dataChangeTopic(new TableId(null, schema, table));
    }

    private static TableTopicNaming naming() {
        Properties props = new Properties();
        props.put("topic.prefix", "pg2polar");
        return new TableTopicNaming(props);
    }
}
