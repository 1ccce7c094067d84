package io.pg2polar.controlplane;

import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Work on a migration that runs in the background and is polled (a verification, a cutover): its identity, whether it
 * runs, ended or failed, and what it has done so far as JSON. Subclasses do the work and describe their progress;
 * both may be called from different threads.
 */
abstract class MigrationJob {

    /** Running; ended (its result says how it went); or failed, when it could not go on (the error says why). */
    enum State {
        RUNNING,
        ENDED,
        FAILED
    }

    private static final Logger LOG = LoggerFactory.getLogger(MigrationJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id = UUID.randomUUID().toString();
    private final String kind;
    private final String migration;
    private final Instant startedAt = Instant.now();
    private volatile Instant endedAt;
    private volatile State state = State.RUNNING;
    private volatile String error;

    MigrationJob(String kind, String migration) {
        this.kind = kind;
        this.migration = migration;
    }

    /** Does the work; an exception fails the job with its message. */
    abstract void work() throws Exception;

    /** Adds what the job has done so far to its JSON. */
    abstract void describe(ObjectNode node);

    final void run() {
        try {
            work();
            state = State.ENDED;
        } catch (Exception | Error e) {
            LOG.warn("The {} job {} of migration {} failed", kind, id, migration, e);
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            state = State.FAILED;
        } finally {
            endedAt = Instant.now();
        }
    }

    String id() {
        return id;
    }

    String kind() {
        return kind;
    }

    String migration() {
        return migration;
    }

    boolean running() {
        return state == State.RUNNING;
    }

    /** When it ended; null while it runs. */
    Instant endedAt() {
        return endedAt;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** {@code {"id", "kind", "migration", "state": running|ended|failed, "startedAt", "endedAt", "error", ...}}. */
    ObjectNode json() {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("kind", kind);
        node.put("migration", migration);
        State now = state;
        node.put("state", now.name().toLowerCase());
        node.put("startedAt", startedAt.toString());
        if (endedAt != null) {
            node.put("endedAt", endedAt.toString());
        }
        if (error != null) {
            node.put("error", error);
        }
        describe(node);
        return node;
    }
}
