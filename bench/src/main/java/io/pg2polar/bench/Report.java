package io.pg2polar.bench;

import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Prints the figures: each round's times and their ratio to the baseline measured just before or after, then the
 * median of the rounds after the first (the worker's first migration, with its just-in-time compilation, is shown
 * but not summarised), and what the last round cost in CPU.
 */
final class Report {

    private Report() {}

    /** One measured phase over the rounds: baseline and plugins per round, whether every row matched, hot frames. */
    record Phase(
            List<PhaseClock.Timing> baseline, List<PhaseClock.Timing> plugins, boolean exact, List<String> hotFrames) {

        double ratio(int round) {
            return seconds(plugins.get(round)) / seconds(baseline.get(round));
        }
    }

    /** The first migration of a worker as Kafka's scripts start it, and its baseline, wall-clock. */
    record FirstMigration(java.time.Duration baseline, java.time.Duration plugins, boolean exact) {

        double ratio() {
            return Math.max(plugins.toMillis(), 1) / (double) Math.max(baseline.toMillis(), 1);
        }
    }

    static void print(
            int scale,
            int transactions,
            int streamedLive,
            FirstMigration first,
            Phase fullLoad,
            Phase cdc,
            long peakHeapMb,
            long peakRssMb) {
        long rows = scale * 100_000L;
        System.out.println();
        System.out.println("=== pg2polar benchmark (pgbench scale " + scale + ") ===");
        System.out.printf(
                "First migration on a worker with Kafka's default JVM options (G1, 20 ms pause goal, 2 GB): full load %.1f s,"
                        + " pg_dump | psql %.1f s; ratio %.2f (goal <= 2.5); every row equal: %s%n",
                first.plugins().toMillis() / 1000.0,
                first.baseline().toMillis() / 1000.0,
                first.ratio(),
                first.exact());
        System.out.printf(
                "Full load, %d rows, every round into a new database with new connectors"
                        + " (round 1 is the worker's first migration):%n",
                rows);
        printRounds(fullLoad, rows, "rows", "pg_dump | psql", "2.5");
        System.out.printf(
                "CDC catch-up, backlogs of %d pgbench transactions written while the connectors were stopped"
                        + " (after %d streamed live):%n",
                transactions, streamedLive);
        printRounds(cdc, transactions, "tx", "native subscription", "1.0");
        System.out.printf("Connect worker: peak heap used %d MB, peak resident memory %d MB%n", peakHeapMb, peakRssMb);
        System.out.println("Where the worker's busy threads were during the last full load (share of samples):");
        fullLoad.hotFrames().forEach(f -> System.out.println("  " + f));
        System.out.println("... and during the last catch-up:");
        cdc.hotFrames().forEach(f -> System.out.println("  " + f));
    }

    private static void printRounds(Phase phase, long units, String unit, String baseline, String goal) {
        int rounds = phase.plugins().size();
        System.out.printf("  %-22s%s%n", "round", row(rounds, i -> String.format("%8d", i + 1)));
        System.out.printf(
                "  %-22s%s%n",
                baseline,
                row(
                        rounds,
                        i -> String.format("%6.1f s", seconds(phase.baseline().get(i)))));
        System.out.printf(
                "  %-22s%s%n",
                "pg2polar plugins",
                row(
                        rounds,
                        i -> String.format("%6.1f s", seconds(phase.plugins().get(i)))));
        System.out.printf("  %-22s%s%n", "ratio", row(rounds, i -> String.format("%8.2f", phase.ratio(i))));
        int first = rounds > 1 ? 1 : 0;
        double baselineSeconds =
                median(first, rounds, i -> seconds(phase.baseline().get(i)));
        double pluginsSeconds =
                median(first, rounds, i -> seconds(phase.plugins().get(i)));
        System.out.printf(
                "  median of round%s %s: %s %.1f s (%.0f %s/s), plugins %.1f s (%.0f %s/s); ratio %.2f (goal <= %s);"
                        + " every row equal: %s%n",
                rounds > 2 ? "s" : "",
                first == 0 ? "1" : rounds == 2 ? "2" : "2-" + rounds,
                baseline,
                baselineSeconds,
                units / baselineSeconds,
                unit,
                pluginsSeconds,
                units / pluginsSeconds,
                unit,
                median(first, rounds, phase::ratio),
                goal,
                phase.exact());
        int last = rounds - 1;
        System.out.println("  last round, " + baseline + " used "
                + phase.baseline().get(last).cpu());
        System.out.println(
                "  last round, plugins used " + phase.plugins().get(last).cpu());
        System.out.println("  last round, the worker's CPU-s by thread: "
                + phase.plugins().get(last).workerThreads());
        System.out.println("  last round, the broker's and the benchmark's CPU-s by thread: "
                + phase.plugins().get(last).brokerThreads());
    }

    private static String row(int rounds, Function<Integer, String> cell) {
        StringBuilder row = new StringBuilder();
        IntStream.range(0, rounds).forEach(i -> row.append(cell.apply(i)));
        return row.toString();
    }

    private static double median(int from, int to, Function<Integer, Double> value) {
        double[] values =
                IntStream.range(from, to).mapToDouble(value::apply).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static double seconds(PhaseClock.Timing timing) {
        return Math.max(timing.time().toMillis(), 1) / 1000.0;
    }
}
