package io.pg2polar.bench;

import java.time.Duration;
import java.util.List;

/** Prints the figures: absolute times, rows per second, ratios to the baselines measured in the same run. */
final class Report {

    private Report() {
    }

    /**
     * One measured phase: the baseline's time and the plugins', whether every row matched, where the worker's
     * threads were, and the CPU budgets of both runs.
     */
    record Phase(Duration baseline, Duration plugins, boolean exact, List<String> hotFrames, String pluginsCpu, String baselineCpu) {
    }

    static void print(int scale, int transactions, int streamedLive, String worker, Phase fullLoad, Phase cdc, long peakHeapMb, long peakRssMb) {
        long rows = scale * 100_000L;
        System.out.println();
        System.out.println("=== pg2polar benchmark (pgbench scale " + scale + ") ===");
        System.out.println("Connect worker: " + worker);
        System.out.printf("Full load, %d rows:%n", rows);
        printTimes(fullLoad, rows, "rows", "pg_dump | psql", "pg_dump|psql", "2.5");
        System.out.println("  pg_dump | psql used " + fullLoad.baselineCpu());
        System.out.println("  plugins used " + fullLoad.pluginsCpu());
        System.out.printf("CDC catch-up, backlog of %d pgbench transactions written while the connectors were stopped"
                + " (after %d streamed live):%n", transactions, streamedLive);
        printTimes(cdc, transactions, "tx", "native subscription", "native", "1.0");
        System.out.println("  plugins used " + cdc.pluginsCpu());
        System.out.println("  native used " + cdc.baselineCpu());
        System.out.printf("Connect worker: peak heap used %d MB, peak resident memory %d MB%n", peakHeapMb, peakRssMb);
        System.out.println("Where the worker's busy threads were during the full load (share of samples):");
        fullLoad.hotFrames().forEach(f -> System.out.println("  " + f));
        System.out.println("... and during the catch-up:");
        cdc.hotFrames().forEach(f -> System.out.println("  " + f));
    }

    /** The baseline's and the plugins' times and rates, and their ratio against the goal. */
    private static void printTimes(Phase phase, long units, String unit, String baseline, String baselineShort, String goal) {
        System.out.printf("  %-22s%7.1f s  %9.0f %s/s%n", baseline, seconds(phase.baseline()), units / seconds(phase.baseline()), unit);
        System.out.printf("  %-22s%7.1f s  %9.0f %s/s   every row equal: %s%n", "pg2polar plugins", seconds(phase.plugins()),
                units / seconds(phase.plugins()), unit, phase.exact());
        System.out.printf("  ratio plugins / %s: %.2f  (goal <= %s)%n", baselineShort, seconds(phase.plugins()) / seconds(phase.baseline()), goal);
    }

    private static double seconds(Duration duration) {
        return Math.max(duration.toMillis(), 1) / 1000.0;
    }
}
