package io.pg2polar.controlplane.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The outcome of one verification run over a list of tables. */
public record VerificationReport(Instant startedAt, Duration took, List<TableResult> tables) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public VerificationReport {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(took, "took");
        tables = List.copyOf(tables);
    }

    /** True when every table was compared and found equal; a skipped table makes the report not equal. */
    public boolean equal() {
        return tables.stream().allMatch(TableResult::isEqual);
    }

    /** The table's result; throws when the table was not verified. */
    public TableResult table(String schema, String table) {
        return tables.stream()
                .filter(t ->
                        t.table().schema().equals(schema) && t.table().table().equals(table))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(schema + '.' + table + " was not verified"));
    }

    /**
     * The report as JSON: {@code {"startedAt": ISO-8601, "tookMs", "equal", "tables": [{"schema", "table", "status",
     * "sourceRows", "targetRows", "differenceCount", "differences": [{"key": {...}, "kind", "sourceRow", "targetRow"}],
     * "note"}]}}.
     */
    public String toJson() {
        try {
            return JSON.writeValueAsString(toJsonTree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree of strings and numbers cannot fail to serialise", e);
        }
    }

    /** The report as {@link #toJson()} writes it, as a tree. */
    public ObjectNode toJsonTree() {
        ObjectNode root = JSON.createObjectNode();
        root.put("startedAt", startedAt.toString());
        root.put("tookMs", took.toMillis());
        root.put("equal", equal());
        ArrayNode tableNodes = root.putArray("tables");
        for (TableResult result : tables) {
            ObjectNode node = tableNodes.addObject();
            node.put("schema", result.table().schema());
            node.put("table", result.table().table());
            node.put("status", result.status());
            node.put("sourceRows", result.sourceRows());
            node.put("targetRows", result.targetRows());
            node.put("differenceCount", result.differenceCount());
            ArrayNode differences = node.putArray("differences");
            for (KeyDifference difference : result.differences()) {
                ObjectNode d = differences.addObject();
                ObjectNode key = d.putObject("key");
                difference.key().forEach(key::put);
                d.put("kind", difference.kind());
                d.put("sourceRow", difference.sourceRow());
                d.put("targetRow", difference.targetRow());
            }
            node.put("note", result.note());
        }
        return root;
    }
}
