package io.pg2polar.controlplane;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The steps of a cutover or cleanup as they ran (or, in a dry run, would run), as JSON; safe to read from another
 * thread while the steps run (the console polls a cutover in progress).
 */
final class StepReport {

    static final String DONE = "done";
    static final String WOULD = "would";
    static final String SKIPPED = "skipped";
    static final String FAILED = "failed";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode steps;
    private boolean failed;

    StepReport(String migration, String action, boolean dryRun) {
        root.put("migration", migration);
        root.put("action", action);
        root.put("dryRun", dryRun);
        steps = root.putArray("steps");
    }

    synchronized void step(String name, String status, String detail, Duration took) {
        steps.addObject()
                .put("step", name)
                .put("status", status)
                .put("detail", detail)
                .put("tookMs", took.toMillis());
        failed |= FAILED.equals(status);
    }

    void step(String name, String status, String detail) {
        step(name, status, detail, Duration.ZERO);
    }

    synchronized boolean failed() {
        return failed;
    }

    /** A copy of the report as it stands: {@code completed} is true when no step failed (so far). */
    synchronized ObjectNode json() {
        root.put("completed", !failed);
        return root.deepCopy();
    }
}
