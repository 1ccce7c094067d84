package io.pg2polar.common.precheck;

import org.slf4j.Logger;

/** Writes a precheck report to a connector's log as one block, at WARN when an item is not PASS. */
public final class PrecheckLog {

    private PrecheckLog() {}

    public static void write(Logger log, PrecheckReport report) {
        // WARN items never block a start: the log at WARN level is where an operator notices them
        if (report.passed() && report.warnings().isEmpty()) {
            log.info(report.describe());
        } else {
            log.warn(report.describe());
        }
    }
}
