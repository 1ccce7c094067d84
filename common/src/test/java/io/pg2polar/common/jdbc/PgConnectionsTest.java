package io.pg2polar.common.jdbc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names from configuration stay names: a database or host name that would carry pgjdbc parameters in a URL
 * (CVE-2022-21724) instantiates nothing. Port 1 on loopback refuses connections, so no server is needed.
 */
class PgConnectionsTest {

    private static final String INJECTED =
            "app?socketFactory=" + RecordingSocketFactory.class.getName() + "&socketFactoryArg=x";

    @BeforeEach
    void reset() {
        RecordingSocketFactory.INSTANCES.set(0);
    }

    @Test
    void aUrlSplicedFromTheNameWouldInstantiateTheClassItNames() {
        // the control: what a URL built by concatenation does with the same name
        assertThrows(
                SQLException.class,
                () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:1/" + INJECTED, new Properties()));
        assertEquals(1, RecordingSocketFactory.INSTANCES.get());
    }

    @Test
    void aDatabaseNameWithUrlParametersStaysAName() {
        PgEndpoint endpoint = new PgEndpoint("127.0.0.1", 1, INJECTED, "u", "p");
        SQLException refused = assertThrows(
                SQLException.class, () -> endpoint.connect("test", Duration.ofSeconds(2), Duration.ofSeconds(2)));
        assertEquals(0, RecordingSocketFactory.INSTANCES.get());
        assertTrue(refused.getSQLState().startsWith("08"), refused::getMessage);
    }

    @Test
    void aHostWithSlashesAndParametersStaysAHostName() {
        PgEndpoint endpoint = new PgEndpoint(
                "127.0.0.1:1/db?socketFactory=" + RecordingSocketFactory.class.getName() + "&x=", 1, "app", "u", "p");
        assertThrows(SQLException.class, () -> endpoint.connect("test", Duration.ofSeconds(2), Duration.ofSeconds(2)));
        assertEquals(0, RecordingSocketFactory.INSTANCES.get());
    }

    @Test
    void aHostListIsRefusedBeforeTheDriverSeesIt() {
        SQLException e =
                assertThrows(SQLException.class, () -> PgConnections.open("a,b", 5432, "app", new Properties()));
        assertTrue(e.getMessage().contains("comma"), e.getMessage());
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
