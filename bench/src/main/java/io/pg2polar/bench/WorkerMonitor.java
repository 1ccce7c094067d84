package io.pg2polar.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Watches the Connect worker JVM during a measurement: heap in use (jstat, once a second), peak resident memory
 * (VmHWM), and where its task threads spend their time (jcmd Thread.print every two seconds, counting each
 * task thread's top application frame) - the bottleneck the benchmark names.
 */
final class WorkerMonitor implements AutoCloseable {

    private final long pid;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "worker-monitor"));
    private final AtomicLong peakHeapKb = new AtomicLong();
    private final Map<String, Integer> topFrames = new HashMap<>();
    private int stackSamples;

    WorkerMonitor(long pid) {
        this.pid = pid;
        sampler.scheduleAtFixedRate(this::sampleHeap, 0, 1, TimeUnit.SECONDS);
        sampler.scheduleAtFixedRate(this::sampleStacks, 500, 2000, TimeUnit.MILLISECONDS);
    }

    long peakHeapMb() {
        return peakHeapKb.get() / 1024;
    }

    /** Peak resident memory of the worker process, from /proc. */
    long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        }
        catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** The most frequent top frames of task threads, as "frame: share of samples". */
    synchronized List<String> hotFrames(int limit) {
        return topFrames.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .map(e -> String.format("%3d%%  %s", 100 * e.getValue() / Math.max(1, stackSamples), e.getKey()))
                .collect(Collectors.toList());
    }

    synchronized void resetStacks() {
        topFrames.clear();
        stackSamples = 0;
    }

    private void sampleHeap() {
        String output = run("jstat", "-gc", Long.toString(pid));
        String[] lines = output.trim().split("\n");
        if (lines.length < 2) {
            return;
        }
        String[] names = lines[0].trim().split("\\s+");
        String[] values = lines[1].trim().split("\\s+");
        double used = 0;
        for (int i = 0; i < names.length && i < values.length; i++) {
            if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
                used += Double.parseDouble(values[i]);
            }
        }
        long usedKb = (long) used;
        peakHeapKb.accumulateAndGet(usedKb, Math::max);
    }

    private void sampleStacks() {
        String dump = run("jcmd", Long.toString(pid), "Thread.print");
        synchronized (this) {
            stackSamples++;
            for (String thread : dump.split("\n\n")) {
                String kind = kindOf(thread);
                if (kind == null || !thread.contains("java.lang.Thread.State: RUNNABLE")) {
                    continue;
                }
                for (String line : thread.split("\n")) {
                    String frame = line.trim();
                    if (frame.startsWith("at ") && !frame.contains("java.base/") && !frame.contains("jdk.internal")) {
                        topFrames.merge(kind + ": " + frame.substring(3), 1, Integer::sum);
                        break;
                    }
                }
            }
        }
    }

    /** Sink task, source task (the Connect side: converters, producer) or Debezium's own capture threads. */
    private static String kindOf(String thread) {
        if (thread.startsWith("\"task-thread-") && thread.contains("-sink-")) {
            return "sink task";
        }
        if (thread.startsWith("\"task-thread-")) {
            return "source task";
        }
        if (thread.startsWith("\"debezium-")) {
            return "Debezium";
        }
        return null;
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return output;
        }
        catch (IOException e) {
            return "";
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
