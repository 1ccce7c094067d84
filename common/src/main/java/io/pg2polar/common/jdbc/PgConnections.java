package io.pg2polar.common.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import org.postgresql.Driver;

/**
 * Opens every pgjdbc session pg2polar makes, its own and Debezium's: host, port and database reach the driver as the
 * {@code PGHOST}, {@code PGPORT} and {@code PGDBNAME} properties under the constant URL {@value #URL}, never as text
 * inside a URL. pgjdbc reads URL parameters before properties and instantiates classes some of them name
 * ({@code socketFactory}, {@code sslfactory}, ... CVE-2022-21724), so a database called {@code app?socketFactory=X}
 * spliced into a URL would load X; here it stays a database name.
 */
public final class PgConnections {

    /** No host, port, database or parameter: pgjdbc takes them all from the properties. */
    static final String URL = "jdbc:postgresql://";

    static final String HOST = "PGHOST";
    static final String PORT = "PGPORT";
    static final String DATABASE = "PGDBNAME";

    // this plugin's own driver, whatever other drivers DriverManager knows in the worker
    private static final Driver DRIVER = new Driver();

    private PgConnections() {}

    /**
     * @param driverProperties pgjdbc connection properties (user, password, ssl*, timeouts...); whatever they say of
     *                         host, port or database is replaced
     */
    public static Connection open(String host, int port, String database, Properties driverProperties)
            throws SQLException {
        if (host.indexOf(',') >= 0) {
            // pgjdbc would read a comma as a list of hosts to try
            throw new SQLException(
                    "Host name '" + host + "' contains a comma; give one host name or IP address", "08001");
        }
        Properties properties = new Properties();
        properties.putAll(driverProperties);
        properties.setProperty(HOST, host);
        properties.setProperty(PORT, Integer.toString(port));
        properties.setProperty(DATABASE, database);
        Connection connection = DRIVER.connect(URL, properties);
        if (connection == null) {
            throw new SQLException(
                    "pgjdbc refused the connection properties for " + host + ':' + port + '/' + database, "08001");
        }
        return connection;
    }
}
