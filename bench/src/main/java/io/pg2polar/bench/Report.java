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

    static void print(int scale, int transactions, int streamedLive, Phase fullLoad, Phase cdc, long peakHeapMb, long peakRssMb) {
        long rows = scale * 100_000L;
        System.out.println();
        System.out.println("=== pg2polar benchmark (pgbench scale " + scale + ") ===");
        System.out.printf("Full load, %d rows:%n", rows);
        System.out.printf("  pg_dump | psql        %7.1f s  %9.0f rows/s%n", seconds(fullLoad.baseline()), rows / seconds(fullLoad.baseline()));
        System.out.printf("  pg2polar plugins      %7.1f s  %9.0f rows/s   every row equal: %s%n", seconds(fullLoad.plugins()),
                rows / seconds(fullLoad.plugins()), fullLoad.exact());
        System.out.printf("  ratio plugins / pg_dump|psql: %.2f  (goal <= 2.5)%n", seconds(fullLoad.plugins()) / seconds(fullLoad.baseline()));
        System.out.println("  pg_dump | psql used " + fullLoad.baselineCpu());
        System.out.println("  plugins used " + fullLoad.pluginsCpu());
        System.out.printf("CDC catch-up, backlog of %d pgbench transactions written while the connectors were stopped"
                + " (after %d streamed live):%n", transactions, streamedLive);
        System.out.printf("  native subscription   %7.1f s  %9.0f tx/s%n", seconds(cdc.baseline()), transactions / seconds(cdc.baseline()));
        System.out.printf("  pg2polar plugins      %7.1f s  %9.0f tx/s   every row equal: %s%n", seconds(cdc.plugins()),
                transactions / seconds(cdc.plugins()), cdc.exact());
        System.out.printf("  ratio plugins / native: %.2f  (goal <= 1.0)%n", seconds(cdc.plugins()) / seconds(cdc.baseline()));
        System.out.println("  plugins used " + cdc.pluginsCpu());
        System.out.println("  native used " + cdc.baselineCpu());
        System.out.printf("Connect worker: peak heap used %d MB, peak resident memory %d MB%n", peakHeapMb, peakRssMb);
        System.out.println("Where the worker's busy threads were during the full load (share of samples):");
        fullLoad.hotFrames().forEach(f -> System.out.println("  " + f));
        System.out.println("... and during the catch-up:");
        cdc.hotFrames().forEach(f -> System.out.println("  " + f));
    }

    private static double seconds(Duration duration) {
        return Math.max(duration.toMillis(), 1) / 1000.0;
    }
}
