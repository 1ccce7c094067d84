package io.pg2polar.common.sink;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pg2polar.common.jdbc.PgEndpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TargetConnectionSettingsTest {

    @Test
    void portDefaultsToTheDialectsWhenMissingOrBlank() {
        assertEquals(
                5432,
                TargetConnectionSettings.endpoint(Map.of("connection.host", "db"))
                        .port());
        assertEquals(
                1521,
                TargetConnectionSettings.endpoint(Map.of("connection.port", " ", "target.dialect", "polardb-o"))
                        .port());
        assertEquals(
                6543,
                TargetConnectionSettings.endpoint(Map.of("connection.port", " 6543 ", "target.dialect", "polardb-o"))
                        .port());
        assertEquals(
                1521,
                TargetConnectionSettings.endpoint("db", null, "app", "owner", null, TargetDialectName.POLARDB_O, null)
                        .port());
    }

    @Test
    void missingKeysAreEmptyAndThePasswordNull() {
        PgEndpoint endpoint = TargetConnectionSettings.endpoint(Map.of());
        assertEquals(new PgEndpoint("", 5432, "", "", null), endpoint);
        assertNull(endpoint.password());
        assertEquals(
                new PgEndpoint("db", 5432, "app", "owner", "secret"),
                TargetConnectionSettings.endpoint(Map.of(
                        "connection.host",
                        "db",
                        "connection.database",
                        "app",
                        "connection.user",
                        "owner",
                        "connection.password",
                        "secret")));
    }

    @Test
    void dialectNamesAndTheDefault() {
        assertArrayEquals(new String[] {"postgresql", "polardb-o"}, TargetDialectName.configValues());
        assertEquals(TargetDialectName.POSTGRESQL, TargetConnectionSettings.dialect(Map.of()));
        assertEquals(
                TargetDialectName.POLARDB_O, TargetConnectionSettings.dialect(Map.of("target.dialect", "polardb-o")));
    }
}
