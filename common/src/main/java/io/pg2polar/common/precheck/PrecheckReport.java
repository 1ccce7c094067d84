package io.pg2polar.common.precheck;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A precheck's items, each PASS, WARN or FAIL; a migration starts only without FAIL. */
public record PrecheckReport(String side, List<PrecheckItem> items) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PrecheckReport {
        items = List.copyOf(items);
    }

    public boolean passed() {
        return items.stream().noneMatch(i -> i.status() == PrecheckItem.Status.FAIL);
    }

    /** The FAIL items as findings on their fields, for {@code Connector.validate}. */
    public List<PrecheckFinding> failures() {
        return items.stream().filter(i -> i.status() == PrecheckItem.Status.FAIL).map(i -> new PrecheckFinding(i.field(), i.message())).toList();
    }

    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("side", side);
        root.put("passed", passed());
        ArrayNode nodes = root.putArray("items");
        for (PrecheckItem item : items) {
            nodes.addObject().put("id", item.id()).put("status", item.status().name()).put("field", item.field()).put("title", item.title())
                    .put("detail", item.detail()).put("fix", item.fix());
        }
        return root;
    }

    /** One line per item, for the worker log at start. */
    public String describe() {
        StringBuilder out = new StringBuilder("Precheck of the " + side + ": " + (passed() ? "passed" : "FAILED"));
        for (PrecheckItem item : items) {
            out.append("\n  [").append(item.status()).append("] ").append(item.title()).append(": ").append(item.detail());
            if (!item.fix().isEmpty()) {
                out.append(" -> ").append(item.fix());
            }
        }
        return out.toString();
    }
}
