package io.pg2polar.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.pg2polar.servers.postgres.PostgresServer;

/**
 * The machine's PostgreSQL client programs (pg_dump, psql, pgbench from Debian's postgresql package, which
 * .ci/run installs), run against the benchmark's servers; each run is timed.
 */
final class PgTools {

    private PgTools() {}

    /** {@code pgbench -i -s scale}: the pgbench tables, 100,000 accounts per scale unit. */
    static Duration initialise(PostgresServer server, String database, int scale) {
        return run(
                "pgbench",
                "-q",
                "-i",
                "-s",
                Integer.toString(scale),
                "-h",
                server.host(),
                "-p",
                Integer.toString(server.port()),
                "-U",
                "postgres",
                database);
    }

    /** {@code pgbench -n -t transactions/clients -c clients}: the TPC-B-like script, writing a backlog. */
    static Duration writeTransactions(PostgresServer server, String database, int transactions, int clients) {
        return run(
                "pgbench",
                "-n",
                "-t",
                Integer.toString(transactions / clients),
                "-c",
                Integer.toString(clients),
                "-h",
                server.host(),
                "-p",
                Integer.toString(server.port()),
                "-U",
                "postgres",
                database);
    }

    /** {@code pg_dump source | psql target}: the whole database, schema and rows. */
    static Duration dumpAndRestore(
            PostgresServer source, String sourceDatabase, PostgresServer target, String targetDatabase) {
        return run(
                "bash",
                "-o",
                "pipefail",
                "-c",
                "pg_dump -h " + source.host() + " -p " + source.port() + " -U postgres " + sourceDatabase
                        + " | psql -q -v ON_ERROR_STOP=1 -h " + target.host() + " -p " + target.port() + " -U postgres "
                        + targetDatabase + " > /dev/null");
    }

    /** {@code pg_dump --schema-only | psql}: the tables without their rows. */
    static Duration copySchema(
            PostgresServer source, String sourceDatabase, PostgresServer target, String targetDatabase) {
        return run(
                "bash",
                "-o",
                "pipefail",
                "-c",
                "pg_dump --schema-only -h " + source.host() + " -p " + source.port() + " -U postgres "
                        + sourceDatabase + " | psql -q -v ON_ERROR_STOP=1 -h " + target.host() + " -p " + target.port()
                        + " -U postgres " + targetDatabase
                        + " > /dev/null");
    }

    private static Duration run(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        long started = System.nanoTime();
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", args) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    args.get(0) + " is not installed? (apt-get install -y postgresql): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
