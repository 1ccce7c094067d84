package io.pg2polar.common.precheck;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pg2polar.common.precheck.PrecheckItem.Status;

/**
 * A precheck's items in the order they ran, each PASS, WARN or FAIL; a migration starts only without FAIL. The same
 * report feeds {@code Connector.validate} ({@link #failures()}), the worker log ({@link #describe()}) and the REST
 * extension ({@link #toJson()}).
 */
public record PrecheckReport(List<PrecheckItem> items) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PrecheckReport {
        items = List.copyOf(items);
    }

    /** This report's items followed by the other's, e.g. source then target. */
    public PrecheckReport plus(PrecheckReport other) {
        List<PrecheckItem> all = new ArrayList<>(items);
        all.addAll(other.items);
        return new PrecheckReport(all);
    }

    public boolean passed() {
        return items.stream().noneMatch(i -> i.status() == Status.FAIL);
    }

    /** The FAIL items as findings on their fields, for {@code Connector.validate}. */
    public List<PrecheckFinding> failures() {
        return items.stream()
                .filter(i -> i.status() == Status.FAIL)
                .map(i -> new PrecheckFinding(i.field(), i.message()))
                .toList();
    }

    /** The WARN items: shown and logged, never blocking. */
    public List<PrecheckItem> warnings() {
        return items.stream().filter(i -> i.status() == Status.WARN).toList();
    }

    /**
     * {@code {"passed": true, "counts": {"PASS": 9, "WARN": 1, "FAIL": 0}, "items": [{"id", "side", "status", "field",
     * "title", "detail", "fix"}, ...]}}
     */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("passed", passed());
        ObjectNode counts = root.putObject("counts");
        for (Status status : Status.values()) {
            counts.put(status.name(), count(status));
        }
        ArrayNode nodes = root.putArray("items");
        for (PrecheckItem item : items) {
            nodes.addObject()
                    .put("id", item.id())
                    .put("side", item.side().name())
                    .put("status", item.status().name())
                    .put("field", item.field())
                    .put("title", item.title())
                    .put("detail", item.detail())
                    .put("fix", item.fix());
        }
        return root;
    }

    /**
     * The report as one block for the worker log, e.g.
     *
     * <pre>
     * pg2polar precheck: passed (8 PASS, 1 WARN, 0 FAIL)
     *   [PASS] source wal_level = logical: logical
     *   [WARN] source No long-running transactions: 1 transactions are open ... -> End them ...
     * </pre>
     */
    public String describe() {
        StringBuilder out = new StringBuilder("pg2polar precheck: ")
                .append(passed() ? "passed" : "FAILED")
                .append(" (")
                .append(count(Status.PASS))
                .append(" PASS, ")
                .append(count(Status.WARN))
                .append(" WARN, ")
                .append(count(Status.FAIL))
                .append(" FAIL)");
        for (PrecheckItem item : items) {
            out.append("\n  [")
                    .append(item.status())
                    .append("] ")
                    .append(item.side().name().toLowerCase())
                    .append(' ')
                    .append(item.title())
                    .append(": ")
                    .append(item.detail());
            if (!item.fix().isEmpty()) {
                out.append(" -> ").append(item.fix());
            }
        }
        return out.toString();
    }

    private long count(Status status) {
        return items.stream().filter(i -> i.status() == status).count();
    }
}
