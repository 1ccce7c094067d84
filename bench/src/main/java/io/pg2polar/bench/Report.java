package io.pg2polar.bench;

import java.time.Duration;
import java.util.List;

/** Prints the figures: absolute times, rows per second, ratios to the baselines measured in the same run. */
final class Report {

    private Report() {
    }

    static void print(int scale, Duration dump, Duration fullLoad, boolean fullLoadExact, List<String> fullLoadFrames, int transactions, int streamedLive,
                      Duration pluginsCdc, Duration nativeCdc, boolean cdcExact, List<String> cdcFrames, long peakHeapMb, long peakRssMb) {
        long rows = scale * 100_000L;
        System.out.println();
        System.out.println("=== pg2polar benchmark (pgbench scale " + scale + ") ===");
        System.out.printf("Full load, %d rows:%n", rows);
        System.out.printf("  pg_dump | psql        %7.1f s  %9.0f rows/s%n", seconds(dump), rows / seconds(dump));
        System.out.printf("  pg2polar plugins      %7.1f s  %9.0f rows/s   every row equal: %s%n", seconds(fullLoad), rows / seconds(fullLoad),
                fullLoadExact);
        System.out.printf("  ratio plugins / pg_dump|psql: %.2f  (goal <= 2.5)%n", seconds(fullLoad) / seconds(dump));
        System.out.printf("CDC catch-up, backlog of %d pgbench transactions written while the connectors were stopped"
                + " (after %d streamed live):%n", transactions, streamedLive);
        System.out.printf("  native subscription   %7.1f s  %9.0f tx/s%n", seconds(nativeCdc), transactions / seconds(nativeCdc));
        System.out.printf("  pg2polar plugins      %7.1f s  %9.0f tx/s   every row equal: %s%n", seconds(pluginsCdc),
                transactions / seconds(pluginsCdc), cdcExact);
        System.out.printf("  ratio plugins / native: %.2f  (goal <= 1.0)%n", seconds(pluginsCdc) / seconds(nativeCdc));
        System.out.printf("Connect worker: peak heap used %d MB, peak resident memory %d MB%n", peakHeapMb, peakRssMb);
        System.out.println("Where the worker's busy threads were during the full load (share of samples):");
        fullLoadFrames.forEach(f -> System.out.println("  " + f));
        System.out.println("... and during the catch-up:");
        cdcFrames.forEach(f -> System.out.println("  " + f));
    }

    private static double seconds(Duration duration) {
        return Math.max(duration.toMillis(), 1) / 1000.0;
    }
}
