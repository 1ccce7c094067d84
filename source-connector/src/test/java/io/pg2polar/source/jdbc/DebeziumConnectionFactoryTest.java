package io.pg2polar.source.jdbc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.debezium.config.Configuration;
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.connector.postgresql.connection.PostgresConnection;

import io.pg2polar.source.Pg2PolarSourceConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Debezium's sessions with the source connector's defaults keep a database name that carries URL parameters a name
 * (CVE-2022-21724); with Debezium's own factory the same name instantiates the class it names. Port 1 on loopback
 * refuses the connection, so no server is needed.
 */
class DebeziumConnectionFactoryTest {

    private static final String INJECTED =
            "app?socketFactory=" + RecordingSocketFactory.class.getName() + "&socketFactoryArg=x";

    @BeforeEach
    void reset() {
        RecordingSocketFactory.INSTANCES.set(0);
    }

    @Test
    void debeziumsOwnFactoryReadsTheNameAsUrlParameters() {
        assertThrows(
                Exception.class,
                () -> connect(Map.of(
                        "database.hostname",
                        "127.0.0.1",
                        "database.port",
                        "1",
                        "database.dbname",
                        INJECTED,
                        "database.user",
                        "u",
                        "topic.prefix",
                        "t")));
        assertEquals(1, RecordingSocketFactory.INSTANCES.get());
    }

    @Test
    void withTheMigrationDefaultsTheNameStaysAName() {
        Map<String, String> props = new Pg2PolarSourceConfig(Map.of(
                        "name",
                        "m",
                        "database.hostname",
                        "127.0.0.1",
                        "database.port",
                        "1",
                        "database.dbname",
                        INJECTED,
                        "database.user",
                        "u",
                        "topic.prefix",
                        "t"))
                .debeziumProps();
        assertEquals(DebeziumConnectionFactory.class.getName(), props.get("database.connection.factory.class"));
        assertThrows(Exception.class, () -> connect(props));
        assertEquals(0, RecordingSocketFactory.INSTANCES.get());
    }

    private static void connect(Map<String, String> props) throws SQLException {
        PostgresConnectorConfig config = new PostgresConnectorConfig(Configuration.from(props));
        try (PostgresConnection connection = new PostgresConnection(config.getJdbcConfig(), "test")) {
            connection.connection();
        }
    }

    /** A socket factory pgjdbc would create from a {@code socketFactory} parameter: counts its instances. */
    public static final class RecordingSocketFactory extends SocketFactory {

        static final AtomicInteger INSTANCES = new AtomicInteger();

        public RecordingSocketFactory(String argument) {
            INSTANCES.incrementAndGet();
        }

        @Override
        public Socket createSocket() {
            return new Socket();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return new Socket(host, port);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return new Socket(host, port, localHost, localPort);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return new Socket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return new Socket(address, port, localAddress, localPort);
        }
    }
}
