package io.pg2polar.bench;

import java.time.Duration;
import java.time.Instant;

/**
 * Times one measured run and what it cost: the CPU budget of every process, and the CPU per thread kind of the worker
 * and of the benchmark's JVM, where the broker runs.
 */
final class PhaseClock {

    /** One run's wall time, the CPU budget and (for the plugins) the worker's and the broker's threads; empty strings when not read. */
    record Timing(Duration time, String cpu, String workerThreads, String brokerThreads) {}

    private final CpuBudget cpu;
    private final ThreadCpu workerThreads;
    private final ThreadCpu brokerThreads =
            new ThreadCpu(ProcessHandle.current().pid());
    private Instant started;

    PhaseClock(CpuBudget cpu, ThreadCpu workerThreads) {
        this.cpu = cpu;
        this.workerThreads = workerThreads;
    }

    void start() {
        cpu.start();
        workerThreads.start();
        brokerThreads.start();
        started = Instant.now();
    }

    /** Stops the clock now; with the worker's and the broker's threads when they did the work measured. */
    Timing stop(boolean withThreads) {
        Duration time = Duration.between(started, Instant.now());
        String budget = cpu.sinceStart();
        return withThreads
                ? new Timing(time, budget, workerThreads.sinceStart(6), brokerThreads.sinceStart(6))
                : new Timing(time, budget, "", "");
    }
}
