package io.pg2polar.controlplane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.pg2polar.common.sql.TableId;

/**
 * The topics a sink connector subscribes to, as Connect reads its {@code topics.regex} or {@code topics}, and the
 * selected tables whose topic it does not read: their rows would never reach the target, with every connector
 * RUNNING, so the status and the precheck name them.
 */
record SinkTopics(Pattern regex, List<String> listed) {

    static SinkTopics of(Map<String, String> sinkConfig) {
        String regex = sinkConfig.get("topics.regex");
        String topics = sinkConfig.get("topics");
        return new SinkTopics(
                regex == null || regex.isBlank() ? null : Pattern.compile(regex),
                topics == null || topics.isBlank()
                        ? List.of()
                        : List.of(topics.trim().split("\\s*,\\s*")));
    }

    boolean reads(String topic) {
        return regex != null ? regex.matcher(topic).matches() : listed.contains(topic);
    }

    /** The subscription as the sink's configuration states it. */
    String describe() {
        return regex != null ? "topics.regex " + regex.pattern() : "topics " + String.join(",", listed);
    }

    /** Each table whose topic the sink does not read, with the topic, in the tables' order. */
    Map<TableId, String> unread(List<TableId> tables, Function<TableId, String> topicOf) {
        Map<TableId, String> unread = new LinkedHashMap<>();
        for (TableId table : tables) {
            String topic = topicOf.apply(table);
            if (!reads(topic)) {
                unread.put(table, topic);
            }
        }
        return unread;
    }

    /** What is wrong and the fix, for a non-empty {@link #unread}. */
    String problem(String sinkConnector, Map<TableId, String> unread) {
        List<String> named = new ArrayList<>();
        unread.forEach((table, topic) -> named.add(table.quoted() + " (topic " + topic + ")"));
        return unread.size() + " selected tables go to topics that sink " + sinkConnector + " does not read ("
                + describe() + "), so their rows"
                + " never reach the target: " + String.join(", ", named.subList(0, Math.min(20, named.size())))
                + (named.size() > 20 ? " and " + (named.size() - 20) + " more" : "")
                + ". Widen the sink's topics.regex to take them, or leave"
                + " the tables out of the source's selection.";
    }
}
