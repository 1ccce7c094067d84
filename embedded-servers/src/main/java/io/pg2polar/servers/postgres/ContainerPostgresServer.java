package io.pg2polar.servers.postgres;

import java.util.Map;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.pg2polar.common.jdbc.PgEndpoint;

/**
 * PostgreSQL in a Docker container through Testcontainers ({@code postgres:<major>} image), used when asked for
 * with {@code -Dpg2polar.postgres=docker}. Without a Docker engine it fails loudly instead of skipping.
 */
public final class ContainerPostgresServer implements PostgresServer {

    private static final String SUPERUSER = "postgres";
    private static final String PASSWORD = "pg2polar";

    private final PostgreSQLContainer container;
    private final int majorVersion;

    private ContainerPostgresServer(PostgreSQLContainer container, int majorVersion) {
        this.container = container;
        this.majorVersion = majorVersion;
    }

    public static ContainerPostgresServer start(String version, Map<String, String> settings) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException(
                    "pg2polar.postgres=docker was asked for, but no Docker engine answers on this machine."
                            + " Start Docker, or run with the default embedded servers (-Dpg2polar.postgres=embedded).");
        }
        int major = Integer.parseInt(version.split("\\.")[0]);
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:" + major)
                .withUsername(SUPERUSER)
                .withPassword(PASSWORD)
                .withDatabaseName("postgres");
        String[] command = settings.entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of("-c", e.getKey() + '=' + e.getValue()))
                .toArray(String[]::new);
        String[] withServer = new String[command.length + 1];
        withServer[0] = "postgres";
        System.arraycopy(command, 0, withServer, 1, command.length);
        container.withCommand(withServer);
        container.start();
        return new ContainerPostgresServer(container, major);
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    @Override
    public int majorVersion() {
        return majorVersion;
    }

    @Override
    public PgEndpoint superuser(String database) {
        return new PgEndpoint(host(), port(), database, SUPERUSER, PASSWORD);
    }

    @Override
    public String describe() {
        return "PostgreSQL " + majorVersion + " container " + container.getContainerId() + " on " + host() + ':'
                + port();
    }

    @Override
    public void restart() {
        // docker restart keeps the container's data and port mapping
        DockerClientFactory.instance()
                .client()
                .restartContainerCmd(container.getContainerId())
                .exec();
    }

    @Override
    public void close() {
        container.stop();
    }
}
