package io.pg2polar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JVM's CPU seconds per kind of thread during a measurement, from /proc/pid/task/tid/stat: for the worker, how
 * much went into the just-in-time compilers and the collector next to the connector tasks, which a sampling
 * profiler does not show (it samples Java threads only); for the benchmark's own JVM, what the broker's threads
 * did. Linux keeps 15 characters of a thread's name, so the names come from {@code jcmd Thread.print} at the end;
 * kinds are names with their numbers dropped.
 */
final class ThreadCpu {

    private static final double TICKS_PER_SECOND = 100.0;
    /** {@code "C2 CompilerThread0" #7 daemon prio=9 os_prio=0 cpu=... tid=0x... nid=0x1b2f waiting ...} */
    private static final Pattern THREAD = Pattern.compile("^\"(.+?)\" .*?nid=(0x[0-9a-f]+)", Pattern.MULTILINE);

    private static final Pattern TASK = Pattern.compile("task-thread-.*-(source|sink)-\\d+");

    private final long pid;

    private final Path tasks;
    private Map<String, Thread> atStart = Map.of();

    private record Thread(String name, long ticks) {}

    ThreadCpu(long pid) {
        this.pid = pid;
        this.tasks = Path.of("/proc", Long.toString(pid), "task");
    }

    void start() {
        atStart = read();
    }

    /** e.g. {@code C2 compiler 4.2, task-thread-bench-sink-# 1.9, GC 1.7, ...}, the largest first */
    String sinceStart(int limit) {
        Map<String, Long> byKind = new HashMap<>();
        Map<String, Thread> now = read();
        Map<String, String> javaNames = javaNames();
        now.forEach((tid, thread) -> {
            Thread before = atStart.get(tid);
            byKind.merge(
                    kind(javaNames.getOrDefault(tid, thread.name())),
                    thread.ticks() - (before == null ? 0 : before.ticks()),
                    Long::sum);
        });
        StringJoiner parts = new StringJoiner(", ");
        byKind.entrySet().stream()
                .filter(e -> e.getValue() >= 5)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> parts.add(String.format("%s %.1f", e.getKey(), e.getValue() / TICKS_PER_SECOND)));
        return parts.toString();
    }

    private Map<String, Thread> read() {
        Map<String, Thread> threads = new LinkedHashMap<>();
        try (Stream<Path> tids = Files.list(tasks)) {
            tids.forEach(tid -> {
                try {
                    String stat = Files.readString(tid.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    threads.put(
                            tid.getFileName().toString(),
                            new Thread(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading: its time is lost either way
                }
            });
        } catch (IOException e) {
            // the process is gone
        }
        return threads;
    }

    /** Thread ids (decimal, as in /proc) to the names the JVM knows them by. */
    private Map<String, String> javaNames() {
        Map<String, String> names = new HashMap<>();
        Matcher thread = THREAD.matcher(Jcmd.run(pid, "Thread.print"));
        while (thread.find()) {
            names.put(Long.toString(Long.decode(thread.group(2))), thread.group(1));
        }
        return names;
    }

    static String kind(String name) {
        Matcher task = TASK.matcher(name);
        if (task.matches()) {
            return task.group(1) + " task";
        }
        if (name.startsWith("C1 Compiler")) {
            return "C1 compiler";
        }
        if (name.startsWith("C2 Compiler")) {
            return "C2 compiler";
        }
        if (name.startsWith("GC Thread")) {
            return "GC";
        }
        if (name.startsWith("JFR ")) {
            return "JFR (the benchmark's profiler)";
        }
        if (name.startsWith("kafka-producer-network-thread | connector-producer-")) {
            return "source producer";
        }
        if (name.startsWith("debezium-") && name.endsWith("-change-event-source-coordinator")) {
            return "Debezium capture";
        }
        return name.replaceAll("\\d+", "#");
    }
}
