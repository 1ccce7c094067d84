package io.pg2polar.quickstart;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/** The main job: {@code pg2polar-quickstart [--source URL --target URL] [--duration SECONDS]}. */
public final class QuickstartMain {

    private QuickstartMain() {}

    public static void main(String[] args) throws InterruptedException {
        QuickstartOptions options;
        try {
            options = QuickstartOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(QuickstartOptions.USAGE);
            return;
        }
        Quickstart quickstart;
        try {
            quickstart = Quickstart.start(options, System.out);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // a database, the broker or the worker that cannot be used: the message names it and the fix
            System.err.println("pg2polar-quickstart: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping: deleting the connectors, cleaning up the source, stopping the servers ...");
            main.interrupt();
            quickstart.close();
            closed.countDown();
        }));
        System.out.println("Migrating. Progress every 5 s"
                + options.limit().map(d -> " for " + d.toSeconds() + " s").orElse("; Ctrl-C to stop") + ".");
        try {
            quickstart.streamUntil(
                    options.limit().map(d -> Instant.now().plus(d)).orElse(null), Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            closed.await();
            return;
        }
        System.exit(0);
    }
}
