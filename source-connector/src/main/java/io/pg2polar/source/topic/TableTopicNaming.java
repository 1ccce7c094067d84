package io.pg2polar.source.topic;

import java.util.Properties;

import io.debezium.schema.SchemaTopicNamingStrategy;
import io.debezium.spi.schema.DataCollectionId;

/**
 * Debezium's default topic names, {@code <prefix>.<schema>.<table>}, with exactly three dot-separated parts for every
 * table: a dot inside a schema or table name becomes {@code _} (Debezium keeps it, so table {@code "a.b"} went to
 * {@code <prefix>.public.a.b}, which the sink's {@code topics.regex} {@code <prefix>\.[^.]+\.[^.]+} never matched), and
 * a name of spaces only becomes {@code _} (Debezium drops it, leaving two parts). Other characters a topic cannot
 * hold become {@code _} as in Debezium. Names that differ only there share a topic, which the sink handles: it takes
 * each record's table from the event, never from the topic.
 */
public class TableTopicNaming extends SchemaTopicNamingStrategy {

    public TableTopicNaming(Properties props) {
        super(props);
    }

    @Override
    public String dataChangeTopic(DataCollectionId id) {
        return topicNames.computeIfAbsent(id, t -> {
            var parts = id.schemaParts();
            return sanitizedTopicName(prefix + delimiter + part(parts.get(0)) + delimiter + part(parts.get(1)));
        });
    }

    /** One name as one topic part: no dot, never empty (sanitizing replaces the rest). */
    static String part(String name) {
        return name == null || name.isEmpty() ? "_" : name.replace('.', '_');
    }
}
