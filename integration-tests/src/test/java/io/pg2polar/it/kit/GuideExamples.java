package io.pg2polar.it.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The examples of a guide, taken from a real run and checked against the guide: each is a block
 * {@code <!-- example: NAME -->} followed by a fenced code block. Values that differ from run to run (times, WAL
 * positions, transaction ids, OIDs) are set to fixed ones first, so a guide that still shows what the run produced
 * passes, and one that no longer does fails, naming the examples and where the run wrote them to copy from.
 */
public final class GuideExamples {

    private static final Pattern BLOCK =
            Pattern.compile("<!-- example: ([a-z0-9-]+) -->\\R```[a-z]*\\R(.*?)\\R```", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final long FIXED_MILLIS = 1_764_900_000_000L;
    /** Fields whose values change from run to run, and the fixed values the examples show instead. */
    private static final Map<String, JsonNode> FIXED = Map.ofEntries(
            Map.entry("ts_ms", LongNode.valueOf(FIXED_MILLIS)),
            Map.entry("ts_us", LongNode.valueOf(FIXED_MILLIS * 1_000L)),
            Map.entry("ts_ns", LongNode.valueOf(FIXED_MILLIS * 1_000_000L)),
            Map.entry("beat_at_ms", LongNode.valueOf(FIXED_MILLIS)),
            Map.entry("lsn", LongNode.valueOf(36_415_384L)),
            Map.entry("snapshot_lsn", LongNode.valueOf(36_415_384L)),
            Map.entry("txId", LongNode.valueOf(1_012L)),
            Map.entry("oid", LongNode.valueOf(16_421L)),
            Map.entry("sequence", TextNode.valueOf("[\"36415112\",\"36415384\"]")),
            // whether a copy chunk is the whole load's last record depends on which table's chunks were ready last
            Map.entry("last", BooleanNode.FALSE));

    private final Map<String, String> examples = new LinkedHashMap<>();

    /** Adds an example shown as it is (e.g. COPY text). */
    public void text(String name, String text) {
        examples.put(name, text.strip());
    }

    /** Adds an example of JSON, pretty-printed with the run's volatile values fixed. */
    public void json(String name, JsonNode json) {
        JsonNode copy = json.deepCopy();
        fix(copy);
        try {
            examples.put(name, JSON.writeValueAsString(copy).replace("\r\n", "\n"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same JSON with every object's fields in name order, for documents whose writer orders them by chance. */
    public static JsonNode sorted(JsonNode json) {
        if (json instanceof ObjectNode object) {
            ObjectNode sorted = JSON.createObjectNode();
            object.properties().stream()
                    .map(Map.Entry::getKey)
                    .sorted()
                    .forEach(name -> sorted.set(name, sorted(object.get(name))));
            return sorted;
        }
        if (json.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode array = JSON.createArrayNode();
            json.forEach(item -> array.add(sorted(item)));
            return array;
        }
        return json;
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not JSON: " + json, e);
        }
    }

    /**
     * Writes every example to {@code outputDir/NAME.txt} and fails unless the guide shows each exactly, and shows no
     * example the run did not produce.
     */
    public void assertShownIn(Path guide, Path outputDir) {
        try {
            Files.createDirectories(outputDir);
            for (Map.Entry<String, String> example : examples.entrySet()) {
                Files.writeString(
                        outputDir.resolve(example.getKey() + ".txt"),
                        example.getValue() + "\n",
                        StandardCharsets.UTF_8);
            }
            Map<String, String> shown = new LinkedHashMap<>();
            Matcher block = BLOCK.matcher(Files.readString(guide, StandardCharsets.UTF_8));
            while (block.find()) {
                shown.put(block.group(1), block.group(2).strip());
            }
            List<String> stale = new ArrayList<>();
            examples.forEach((name, text) -> {
                if (!text.equals(shown.get(name))) {
                    stale.add(name + (shown.containsKey(name) ? " (differs)" : " (missing)"));
                }
            });
            shown.keySet().stream()
                    .filter(name -> !examples.containsKey(name))
                    .forEach(name -> stale.add(name + " (no longer produced)"));
            if (!stale.isEmpty()) {
                throw new AssertionError("The examples of " + guide + " are not what a real run produces: " + stale
                        + ". This run's are in " + outputDir
                        + " (NAME.txt): copy them into the guide's blocks <!-- example: NAME -->.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fix(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names =
                    object.properties().stream().map(Map.Entry::getKey).toList();
            for (String name : names) {
                JsonNode value = object.get(name);
                JsonNode fixed = FIXED.get(name);
                if (fixed != null && !value.isNull() && value.isNumber() == fixed.isNumber()) {
                    object.set(name, fixed);
                } else {
                    fix(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(GuideExamples::fix);
        }
    }
}
