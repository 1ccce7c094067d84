package io.pg2polar.it.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The connector configurations users get in {@code connect-configs/}, read from the files themselves so tests
 * exercise exactly what ships. Variants for tests that run several migrations on one worker change only the
 * names: topic prefix, databases.
 */
public final class ConnectorConfigs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectorConfigs() {
    }

    /** A connector as {@code POST /connectors} takes it. */
    public record Definition(String name, Map<String, String> config) {

        /** The same definition under another name, with some settings replaced. */
        public Definition renamed(String newName, Map<String, String> changes) {
            Map<String, String> changed = new LinkedHashMap<>(config);
            changed.putAll(changes);
            return new Definition(newName, changed);
        }
    }

    /** {@code connect-configs/source.json}, unchanged. */
    public static Definition source() {
        return read("source.json");
    }

    /** {@code connect-configs/sink.json}, unchanged. */
    public static Definition sink() {
        return read("sink.json");
    }

    /** source.json for a migration of {@code database} into topics {@code <prefix>.<schema>.<table>}. */
    public static Definition source(String prefix, String database, Map<String, String> changes) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("topic.prefix", prefix, "database.dbname", database));
        all.putAll(changes);
        return source().renamed(prefix + "-source", all);
    }

    /** sink.json applying the topics of {@code prefix} to {@code database}. */
    public static Definition sink(String prefix, String database, Map<String, String> changes) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("topics.regex", prefix.replace(".", "\\.") + "\\.[^.]+\\.[^.]+",
                "connection.database", database));
        all.putAll(changes);
        return sink().renamed(prefix + "-sink", all);
    }

    private static Definition read(String file) {
        Path path = Path.of(System.getProperty("pg2polar.connect.configs", "../connect-configs"), file);
        try {
            JsonNode root = JSON.readTree(path.toFile());
            Map<String, String> config = new LinkedHashMap<>();
            root.get("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            return new Definition(root.get("name").asText(), config);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }
}
