package io.pg2polar.controlplane;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A cutover in the background: each step's outcome as soon as it has one. */
final class CutoverJob extends MigrationJob {

    static final String KIND = "cutover";

    private final Cutover cutover;

    CutoverJob(String migration, Cutover cutover) {
        super(KIND, migration);
        this.cutover = cutover;
    }

    @Override
    void work() {
        cutover.run();
    }

    /** {@code "report"}: the cutover's steps so far, as the cutover call answers them. */
    @Override
    void describe(ObjectNode node) {
        node.set("report", cutover.report().json());
    }
}
