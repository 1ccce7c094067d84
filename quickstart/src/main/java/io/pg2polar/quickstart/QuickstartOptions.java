package io.pg2polar.quickstart;

import java.time.Duration;
import java.util.Optional;

/**
 * What the quickstart was asked to do.
 *
 * @param sourceUrl JDBC URL of the user's source database, or null for the embedded demo source
 * @param targetUrl JDBC URL of the user's target database, or null for an embedded target
 * @param duration  how long to stream before stopping on its own; null streams until Ctrl-C
 */
record QuickstartOptions(String sourceUrl, String targetUrl, Duration duration, boolean help) {

    static final String USAGE = """
            Usage: pg2polar-quickstart [--source JDBC_URL --target JDBC_URL] [--duration SECONDS]

            Starts a single-node Kafka broker and a Connect worker with the pg2polar plugins, registers
            connect-configs/source.json and sink.json through the Connect REST API, and migrates:
              without --source/--target  an embedded PostgreSQL 17 demo source with a live writer into an
                                         embedded PostgreSQL 14 target;
              with them                  your databases, e.g.
                                         --source 'jdbc:postgresql://src:5432/app?user=migrator&password=secret'
                                         --target 'jdbc:postgresql://dst:1521/app?user=owner&password=secret'
                                         with TLS: &sslmode=verify-full&sslrootcert=/path/ca.pem, and for a client
                                         certificate &sslcert=/path/client.crt&sslkey=/path/client.pk8&sslpassword=...
            It prints progress every few seconds and keeps streaming until Ctrl-C (or --duration seconds).
            On exit it deletes the connectors and removes what it created on the source (replication slot,
            publication, DDL capture); the migrated tables stay on the target.
            """;

    static QuickstartOptions parse(String... args) {
        String source = null;
        String target = null;
        Duration duration = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--source" -> source = value(args, ++i, "--source");
                case "--target" -> target = value(args, ++i, "--target");
                case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(value(args, ++i, "--duration")));
                case "--help", "-h" -> {
                    return new QuickstartOptions(null, null, null, true);
                }
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + "\n\n" + USAGE);
            }
        }
        if ((source == null) != (target == null)) {
            throw new IllegalArgumentException(
                    "Give both --source and --target, or neither for the embedded demo\n\n" + USAGE);
        }
        return new QuickstartOptions(source, target, duration, false);
    }

    boolean demo() {
        return sourceUrl == null;
    }

    Optional<Duration> limit() {
        return Optional.ofNullable(duration);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n\n" + USAGE);
        }
        return args[index];
    }
}
