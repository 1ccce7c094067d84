package io.pg2polar.common.jdbc;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectivityCheckTest {

    private static final PgEndpoint ENDPOINT = new PgEndpoint("db.example", 5432, "app", "migrator", "secret");

    @Test
    void wrongPasswordPointsAtThePassword() {
        var failure = ConnectivityCheck.explain(
                ENDPOINT, ConnectionFields.SOURCE, new SQLException("password authentication failed", "28P01"));
        assertEquals(ConnectivityCheck.Culprit.PASSWORD, failure.culprit());
        assertEquals("database.password", failure.field());
        assertTrue(failure.message().contains("migrator"));
    }

    @Test
    void missingDatabasePointsAtTheDatabaseName() {
        var failure = ConnectivityCheck.explain(
                ENDPOINT, ConnectionFields.TARGET, new SQLException("database \"app\" does not exist", "3D000"));
        assertEquals(ConnectivityCheck.Culprit.DATABASE, failure.culprit());
        assertEquals("connection.database", failure.field());
        assertTrue(failure.message().contains("'app'"));
    }

    @Test
    void refusedConnectionPointsAtHostAndPort() {
        var failure = ConnectivityCheck.explain(
                ENDPOINT, ConnectionFields.SOURCE, new SQLException("Connection refused", "08001"));
        assertEquals(ConnectivityCheck.Culprit.HOST, failure.culprit());
        assertTrue(failure.message().contains("db.example:5432"));
    }

    @Test
    void jdbcUrlNeverCarriesThePassword() {
        assertEquals("jdbc:postgresql://db.example:5432/app", ENDPOINT.jdbcUrl());
        assertEquals("migrator@db.example:5432/app", ENDPOINT.toString());
        assertEquals("jdbc:postgresql://h:1/my%20db%3F", new PgEndpoint("h", 1, "my db?", "u", null).jdbcUrl());
        PgEndpoint withKey =
                ENDPOINT.withTls(new TlsSettings("verify-full", "/ca.crt", "/c.crt", "/c.pk8", "key-secret", null));
        assertFalse(withKey.toString().contains("secret")
                || withKey.tls().toString().contains("key-secret")
                || withKey.jdbcUrl().contains("secret"));
    }
}
