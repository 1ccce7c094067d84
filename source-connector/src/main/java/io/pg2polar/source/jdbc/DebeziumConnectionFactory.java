package io.pg2polar.source.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import io.debezium.jdbc.JdbcConfiguration;
import io.debezium.jdbc.JdbcConnection;

import io.pg2polar.common.jdbc.PgConnections;

/**
 * Opens Debezium's sessions (schema reads, the replication stream, heartbeats) through {@link PgConnections}, set as
 * Debezium's {@code database.connection.factory.class}. Debezium's own factory splices {@code database.hostname},
 * {@code database.port} and {@code database.dbname} into a JDBC URL unescaped, where pgjdbc would read a database
 * called {@code app?socketFactory=X} as the database {@code app} and a class to instantiate. Every other driver
 * property, the {@code database.ssl*} options included, reaches pgjdbc as Debezium passes it.
 */
public final class DebeziumConnectionFactory implements JdbcConnection.ConnectionFactory {

    @Override
    public Connection connect(JdbcConfiguration config) throws SQLException {
        Properties properties = config.asProperties();
        String host = (String) properties.remove(JdbcConfiguration.HOSTNAME.name());
        String port = (String) properties.remove(JdbcConfiguration.PORT.name());
        String database = (String) properties.remove(JdbcConfiguration.DATABASE.name());
        properties.remove(JdbcConfiguration.CONNECTION_FACTORY_CLASS.name());
        try {
            return PgConnections.open(
                    host == null ? "localhost" : host,
                    port == null ? 5432 : Integer.parseInt(port.trim()),
                    database == null ? "" : database,
                    properties);
        } catch (NumberFormatException e) {
            throw new SQLException("database.port '" + port + "' is not a port number", "08001", e);
        }
    }
}
