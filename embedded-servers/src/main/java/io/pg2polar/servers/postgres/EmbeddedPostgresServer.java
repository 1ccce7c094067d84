package io.pg2polar.servers.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.servers.FreePorts;
import io.pg2polar.servers.TempDirectory;

/**
 * PostgreSQL from the zonky binary jars, run as a child process on loopback. Works on a fresh machine and as
 * root (zonky starts the server in a user namespace). The data directory survives {@link #restart()}.
 */
public final class EmbeddedPostgresServer implements PostgresServer {

    private final PostgresBinaries binaries;
    private final Map<String, String> settings;
    private final Path dataDirectory;
    private final int port;
    private final ServerTls tls;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(
            PostgresBinaries binaries, Map<String, String> settings, Path dataDirectory, int port, ServerTls tls) {
        this.binaries = binaries;
        this.settings = settings;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.tls = tls;
    }

    /**
     * Starts a fresh server.
     *
     * @param version  major or full zonky version
     * @param settings postgresql.conf settings, e.g. wal_level=logical
     */
    public static EmbeddedPostgresServer start(String version, Map<String, String> settings) {
        return start(version, settings, null);
    }

    /**
     * Starts a fresh server that admits only TLS sessions over TCP, or any session when {@code tls} is null.
     *
     * @param version  major or full zonky version
     * @param settings postgresql.conf settings, e.g. wal_level=logical
     */
    public static EmbeddedPostgresServer start(String version, Map<String, String> settings, ServerTls tls) {
        try {
            TempDirectory.ensure();
            Path dataDirectory = Files.createTempDirectory("pg2polar-pg" + version + '-');
            Map<String, String> withHba = new java.util.LinkedHashMap<>(settings);
            Path hbaFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".hba");
            withHba.put("hba_file", writeHbaFile(hbaFile, tls == null ? PLAIN_HBA_RULES : tls.hbaRules()));
            if (tls != null) {
                withHba.putAll(tls.serverSettings());
            }
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(
                    PostgresBinaries.forVersion(version), withHba, dataDirectory, FreePorts.pick(), tls);
            server.startProcess();
            if (tls != null) {
                server.execute("postgres", "CREATE ROLE " + ServerTls.CERTIFICATE_LOGIN_GROUP + " NOLOGIN");
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The superuser logs in without a password, every other account with its password, so tests can check
     * what a wrong password does.
     */
    private static final String PLAIN_HBA_RULES = """
            local all all trust
            host all postgres 127.0.0.1/32 trust
            host all postgres ::1/128 trust
            host replication postgres 127.0.0.1/32 trust
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            host replication all 127.0.0.1/32 scram-sha-256
            """;

    private static String writeHbaFile(Path file, String rules) throws IOException {
        Files.writeString(file, rules);
        return file.toAbsolutePath().toString();
    }

    /**
     * Starts the server on the data directory, initialising it when empty. Zonky's "clean data directory" mode
     * would delete the data when the server stops, so a restart would lose every database: this class deletes
     * the directory itself in {@link #close()}.
     */
    private void startProcess() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(binaries)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port);
            settings.forEach(builder::setServerConfig);
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Embedded PostgreSQL " + binaries.version() + " did not start in " + dataDirectory, e);
        }
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int majorVersion() {
        return Integer.parseInt(binaries.version().split("\\.")[0]);
    }

    @Override
    public PgEndpoint superuser(String database) {
        return new PgEndpoint(host(), port, database, "postgres", null, tls == null ? null : tls.clientSettings());
    }

    @Override
    public String describe() {
        return "embedded PostgreSQL " + binaries.version() + " on " + host() + ':' + port;
    }

    @Override
    public synchronized void restart() {
        stop(ShutdownMode.FAST);
        startAgain();
    }

    /**
     * Stops the server without deleting its data; {@link #startAgain()} brings it back. {@code FAST} is
     * {@code pg_ctl stop -m fast}: sessions are ended and a checkpoint written. {@code IMMEDIATE} is a crash as far as
     * the data is concerned: the postmaster gets SIGQUIT ({@code pg_ctl stop -m immediate}), every process quits at
     * once without a checkpoint, and the next start replays the WAL.
     */
    @Override
    public synchronized void stop(ShutdownMode mode) {
        if (postgres == null) {
            return;
        }
        if (mode == ShutdownMode.IMMEDIATE) {
            quitImmediately();
        }
        try {
            // after an immediate stop zonky's own 'pg_ctl stop' finds no server and only logs it; its lock is released
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postgres = null;
    }

    private void quitImmediately() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                    .get(0)
                    .trim());
            Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid))
                    .inheritIO()
                    .start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -QUIT " + pid + " failed for " + describe());
            }
            ProcessHandle postmaster = ProcessHandle.of(pid).orElse(null);
            if (postmaster != null) {
                // the postmaster exits only after its children have
                postmaster.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The postmaster of " + describe() + " did not quit", e);
        }
    }

    /** Starts the stopped server again on the same port and data directory (after an immediate stop: crash recovery). */
    @Override
    public synchronized void startAgain() {
        if (postgres == null) {
            startProcess();
        }
    }

    @Override
    public void close() {
        stop(ShutdownMode.FAST);
        deleteRecursively(dataDirectory);
        dataDirectory
                .resolveSibling(dataDirectory.getFileName() + ".hba")
                .toFile()
                .delete();
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftovers under java.io.tmpdir (target/tmp) go with mvn clean
        }
    }
}
