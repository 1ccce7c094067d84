package io.pg2polar.controlplane;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The background jobs of this worker's extension, kept in memory: a job is polled on the worker that runs it, and is
 * forgotten an hour after it ended (or when more than {@value #KEPT} have ended). One job of a kind runs per migration
 * at a time.
 */
final class MigrationJobs implements AutoCloseable {

    static final int KEPT = 50;
    static final Duration KEEP_ENDED = Duration.ofHours(1);

    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "pg2polar-job-" + threadNumber.incrementAndGet());
        thread.setDaemon(true);
        // as for REST calls (RestAnswers.answer): Debezium loads the classes its configuration names through it
        thread.setContextClassLoader(MigrationJobs.class.getClassLoader());
        return thread;
    });
    private final Map<String, MigrationJob> jobs = new LinkedHashMap<>();

    /** A job of the same kind already runs on the migration: answered with 409, naming it. */
    static final class ConflictingJobException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ConflictingJobException(String message) {
            super(message);
        }
    }

    /** Starts the job unless one of its kind runs on its migration. */
    synchronized MigrationJob start(MigrationJob job) {
        forgetOld();
        for (MigrationJob other : jobs.values()) {
            if (other.running()
                    && other.kind().equals(job.kind())
                    && other.migration().equals(job.migration())) {
                throw new ConflictingJobException("A " + job.kind() + " of migration " + job.migration()
                        + " is running already: job " + other.id() + " (GET /pg2polar/migrations/" + job.migration()
                        + "/jobs/" + other.id() + ")");
            }
        }
        jobs.put(job.id(), job);
        threads.execute(job::run);
        return job;
    }

    /** The migration's job, if this worker knows it. */
    synchronized Optional<MigrationJob> find(String migration, String id) {
        MigrationJob job = jobs.get(id);
        return job != null && job.migration().equals(migration) ? Optional.of(job) : Optional.empty();
    }

    /** The migration's jobs, newest first. */
    synchronized List<MigrationJob> of(String migration) {
        forgetOld();
        List<MigrationJob> found = new ArrayList<>();
        jobs.values().stream().filter(j -> j.migration().equals(migration)).forEach(j -> found.add(0, j));
        return found;
    }

    private void forgetOld() {
        Instant horizon = Instant.now().minus(KEEP_ENDED);
        jobs.values().removeIf(j -> j.endedAt() != null && j.endedAt().isBefore(horizon));
        long ended = jobs.values().stream().filter(j -> !j.running()).count();
        var oldest = jobs.values().iterator();
        while (ended > KEPT && oldest.hasNext()) {
            if (!oldest.next().running()) {
                oldest.remove();
                ended--;
            }
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
