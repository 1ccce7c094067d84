package io.pg2polar.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Watches the Connect worker JVM during a measurement without taking CPU from it: peak heap in use from the
 * worker's own GC log (the heap before each collection), peak resident memory (VmHWM), and where its busy threads
 * spend their time from a Java Flight Recorder profile per phase (the bottleneck the benchmark names). An earlier
 * version polled jstat and jcmd Thread.print, each a new JVM: about a third of the two cores, during the plugins'
 * measurements only.
 */
final class WorkerMonitor {

    /** Heap before -> after (committed) of a collection in -Xlog:gc lines, e.g. {@code 512M->130M(1024M)}. */
    private static final Pattern COLLECTION = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private static final String RECORDING = "pg2polar-bench";

    private final long pid;
    private final Path gcLog;
    private final Path workDir;
    private int phases;
    private Instant phaseStart = Instant.now();

    WorkerMonitor(long pid, Path gcLog, Path workDir) {
        this.pid = pid;
        this.gcLog = gcLog;
        this.workDir = workDir;
    }

    /**
     * The worker JVM options this monitor reads: the GC log, and a flight recording from the worker's start. Started
     * at launch, not per phase: a recording started later instruments JDK classes and the JVM threw away ~7,800
     * compiled methods at once, so each timed phase began by compiling the worker again (half its CPU).
     */
    static String jvmOptions(Path gcLog) {
        return "-Xlog:gc:file=" + gcLog.toAbsolutePath() + " -XX:StartFlightRecording=name=" + RECORDING
                + ",settings=profile";
    }

    long peakHeapMb() {
        try {
            long peak = 0;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher collection = COLLECTION.matcher(line);
                if (collection.find()) {
                    peak = Math.max(peak, Long.parseLong(collection.group(1)));
                }
            }
            return peak;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Peak resident memory of the worker process, from /proc. */
    long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** Marks the start of a phase, whose part of the worker's flight recording (JFR's "profile" settings, 1-2 %) is read at its end. */
    void startPhase() {
        phaseStart = Instant.now();
    }

    /**
     * Names where the worker's threads were running since the phase started: the most frequent top application
     * frames, as "share of samples  thread kind: frame".
     */
    List<String> hotFrames(int limit) {
        Path file = workDir.resolve("phase-" + (++phases) + ".jfr");
        Jcmd.run(pid, "JFR.dump", "name=" + RECORDING, "begin=" + phaseStart, "filename=" + file.toAbsolutePath());
        Map<String, Integer> frames = new HashMap<>();
        int samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                // the dump holds whole chunks of the recording, some from before the phase
                if (!"jdk.ExecutionSample".equals(event.getEventType().getName())
                        || event.getStackTrace() == null
                        || event.getStartTime().isBefore(phaseStart)) {
                    continue;
                }
                samples++;
                List<RecordedFrame> stack = event.getStackTrace().getFrames();
                String kind = kindOf(event.getThread("sampledThread").getJavaName(), stack);
                if (kind != null) {
                    frames.merge(kind + ": " + topApplicationFrame(stack), 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the worker's flight recording " + file, e);
        }
        int total = Math.max(1, samples);
        return frames.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit)
                .map(e -> String.format("%3d%%  %s", 100 * e.getValue() / total, e.getKey()))
                .collect(Collectors.toList());
    }

    /**
     * Sink task, source task (the Connect side: converters, producer), Debezium's capture threads, the full load's
     * COPY readers or the source's producer; null for the worker's own threads. Task threads are told by their
     * stacks: the recording knows them by the pool names they had before Connect renamed them.
     */
    private static String kindOf(String threadName, List<RecordedFrame> stack) {
        for (RecordedFrame frame : stack) {
            String type = frame.getMethod().getType().getName();
            if (type.endsWith(".WorkerSinkTask")) {
                return "sink task";
            }
            if (type.endsWith("WorkerSourceTask")) {
                return "source task";
            }
        }
        if (threadName == null) {
            return null;
        }
        if (threadName.startsWith("debezium-")) {
            return "Debezium";
        }
        if (threadName.startsWith("pg2polar-full-load")) {
            return "full-load reader";
        }
        if (threadName.startsWith("kafka-producer-network-thread | connector-producer")) {
            return "source producer";
        }
        return null;
    }

    private static String topApplicationFrame(List<RecordedFrame> stack) {
        for (RecordedFrame frame : stack) {
            String type = frame.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return type + "." + frame.getMethod().getName() + ":" + frame.getLineNumber();
            }
        }
        RecordedFrame top = stack.get(0);
        return top.getMethod().getType().getName() + "." + top.getMethod().getName();
    }
}
