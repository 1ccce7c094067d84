package io.pg2polar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import io.pg2polar.servers.postgres.PostgresServer;

/**
 * CPU seconds each process of a measurement used, read from /proc at its start and end: the Connect worker (once
 * added), this JVM (the broker runs in it), the programs it ran and waited for (pg_dump, psql), and each
 * PostgreSQL server (its postmaster with every backend, live or ended). On two cores the sum says whether a phase
 * was bound by the machine, and the shares say by whom.
 */
final class CpuBudget {

    private static final Path PROC = Path.of("/proc");
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ, 100 on every Linux the benchmark runs on

    private final Map<String, LongSupplier> groups = new LinkedHashMap<>();
    private final Map<String, Long> atStart = new LinkedHashMap<>();
    private long startedNanos;

    CpuBudget(PostgresServer source, PostgresServer target) {
        long sourcePostmaster = postmaster(source);
        long targetPostmaster = postmaster(target);
        long self = ProcessHandle.current().pid();
        groups.put("broker and benchmark JVM", () -> ticks(self, false));
        groups.put("programs it ran (pg_dump, psql)", () -> endedChildrenTicks(self));
        groups.put("source PostgreSQL", () -> treeTicks(sourcePostmaster));
        groups.put("target PostgreSQL", () -> treeTicks(targetPostmaster));
    }

    /** Counts the Connect worker's CPU from the next {@link #start()} on. */
    void addWorker(long workerPid) {
        Map<String, LongSupplier> others = new LinkedHashMap<>(groups);
        groups.clear();
        groups.put("worker", () -> ticks(workerPid, false)); // listed first
        groups.putAll(others);
    }

    void start() {
        startedNanos = System.nanoTime();
        groups.forEach((name, ticks) -> atStart.put(name, ticks.getAsLong()));
    }

    /** e.g. {@code 31.2 of 32.0 CPU-s: worker 13.8, broker and benchmark JVM 8.7, ...} */
    String sinceStart() {
        double available =
                (System.nanoTime() - startedNanos) / 1e9 * Runtime.getRuntime().availableProcessors();
        StringJoiner parts = new StringJoiner(", ");
        double used = 0;
        for (Map.Entry<String, LongSupplier> group : groups.entrySet()) {
            double seconds = (group.getValue().getAsLong() - atStart.get(group.getKey())) / TICKS_PER_SECOND;
            used += seconds;
            if (seconds >= 0.05) {
                parts.add(String.format("%s %.1f", group.getKey(), seconds));
            }
        }
        return String.format("%.1f of %.1f CPU-s: %s", used, available, parts);
    }

    private static long postmaster(PostgresServer server) {
        // a long-lived child of the postmaster (a backend's own pid may be gone by the time /proc is read)
        long checkpointer = Long.parseLong(PgbenchTables.query(
                server, "postgres", "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'", "0"));
        return parentOf(checkpointer);
    }

    /** The postmaster's own time, its ended children's (reaped), and its live children's. */
    private static long treeTicks(long parent) {
        return ticks(parent, false)
                + consistentTreeTicks(() -> endedChildrenTicks(parent), () -> liveChildrenTicks(parent));
    }

    /**
     * Reaped plus live children, read again until no child was reaped while the live ones were listed: one
     * reaped in between would be counted twice or, ended before the listing, not at all (the backend of
     * {@code psql}, ending as the baseline's clock stops, went missing this way).
     */
    static long consistentTreeTicks(LongSupplier reapedChildren, LongSupplier liveChildren) {
        for (int attempt = 1; ; attempt++) {
            long reapedBefore = reapedChildren.getAsLong();
            long live = liveChildren.getAsLong();
            long reapedAfter = reapedChildren.getAsLong();
            if (reapedBefore == reapedAfter || attempt == 10) {
                return reapedAfter + live;
            }
        }
    }

    private static long liveChildrenTicks(long parent) {
        try (Stream<Path> processes = Files.list(PROC)) {
            return processes
                    .map(p -> p.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(name -> statFields(Long.parseLong(name)))
                    .filter(fields -> fields != null && Long.parseLong(fields[1]) == parent)
                    .mapToLong(fields -> ticks(fields, false))
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** cutime + cstime: the time of the children it has reaped, from one read. */
    private static long endedChildrenTicks(long pid) {
        String[] fields = statFields(pid);
        return fields == null ? 0 : Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    /** utime + stime (+ cutime + cstime) from /proc/pid/stat; 0 once the process is gone. */
    private static long ticks(long pid, boolean withEndedChildren) {
        String[] fields = statFields(pid);
        return fields == null ? 0 : ticks(fields, withEndedChildren);
    }

    private static long ticks(String[] fields, boolean withEndedChildren) {
        long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return withEndedChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
    }

    private static long parentOf(long pid) {
        String[] fields = statFields(pid);
        return fields == null ? -1 : Long.parseLong(fields[1]);
    }

    /** The fields after the command name (which may hold spaces): state, ppid, ... */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
