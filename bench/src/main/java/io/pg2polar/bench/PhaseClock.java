package io.pg2polar.bench;

import java.time.Duration;
import java.time.Instant;

/** Times one measured run and what it cost: the CPU budget of every process and the worker's CPU per thread kind. */
final class PhaseClock {

    /** One run's wall time, the CPU budget and (for the plugins) the worker's threads; empty strings when not read. */
    record Timing(Duration time, String cpu, String workerThreads) {
    }

    private final CpuBudget cpu;
    private final WorkerThreadCpu workerThreads;
    private Instant started;

    PhaseClock(CpuBudget cpu, WorkerThreadCpu workerThreads) {
        this.cpu = cpu;
        this.workerThreads = workerThreads;
    }

    void start() {
        cpu.start();
        workerThreads.start();
        started = Instant.now();
    }

    /** Stops the clock now; with the worker's threads when they did the work measured. */
    Timing stop(boolean withWorkerThreads) {
        Duration time = Duration.between(started, Instant.now());
        String budget = cpu.sinceStart();
        return new Timing(time, budget, withWorkerThreads ? workerThreads.sinceStart(6) : "");
    }
}
