package io.pg2polar.controlplane;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationJobsTest {

    @Test
    void oneJobOfAKindRunsPerMigrationAndTheConflictNamesIt() throws Exception {
        try (MigrationJobs jobs = new MigrationJobs()) {
            HeldJob first = new HeldJob("verify", "shop");
            jobs.start(first);
            MigrationJobs.ConflictingJobException conflict = assertThrows(
                    MigrationJobs.ConflictingJobException.class, () -> jobs.start(new HeldJob("verify", "shop")));
            assertTrue(conflict.getMessage().contains(first.id()), conflict.getMessage());
            HeldJob otherKind = (HeldJob) jobs.start(new HeldJob("cutover", "shop"));
            HeldJob otherMigration = (HeldJob) jobs.start(new HeldJob("verify", "billing"));

            assertEquals(List.of(otherKind, first), jobs.of("shop"), "newest first");
            assertEquals(
                    "running",
                    jobs.find("shop", first.id())
                            .orElseThrow()
                            .json()
                            .path("state")
                            .asText());
            assertTrue(jobs.find("billing", first.id()).isEmpty(), "a job is found under its own migration only");

            first.release();
            first.awaitEnd();
            assertEquals("ended", first.json().path("state").asText());
            assertTrue(first.json().has("endedAt"));
            HeldJob again = (HeldJob) jobs.start(new HeldJob("verify", "shop"));
            List.of(again, otherKind, otherMigration).forEach(HeldJob::release);
        }
    }

    @Test
    void aJobThatThrowsFailsWithTheMessage() throws Exception {
        try (MigrationJobs jobs = new MigrationJobs()) {
            HeldJob job = new HeldJob("verify", "shop") {
                @Override
                void work() throws Exception {
                    super.work();
                    throw new IllegalStateException("the target is down");
                }
            };
            jobs.start(job);
            job.release();
            job.awaitEnd();
            ObjectNode json = job.json();
            assertEquals("failed", json.path("state").asText());
            assertEquals(
                    "IllegalStateException: the target is down",
                    json.path("error").asText());
        }
    }

    /** A job that runs until released. */
    private static class HeldJob extends MigrationJob {

        private final CountDownLatch release = new CountDownLatch(1);

        HeldJob(String kind, String migration) {
            super(kind, migration);
        }

        @Override
        void work() throws Exception {
            assertTrue(release.await(30, TimeUnit.SECONDS), "released");
        }

        @Override
        void describe(ObjectNode node) {
            node.put("held", release.getCount() > 0);
        }

        void release() {
            release.countDown();
        }

        void awaitEnd() throws InterruptedException {
            for (int i = 0; i < 300 && running(); i++) {
                Thread.sleep(10);
            }
            assertFalse(running(), "the job ended");
        }
    }
}
