package io.pg2polar.it;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.DatabaseComparison.Side;
import io.pg2polar.it.kit.FamilyTables;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Slots;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Database names reach pgjdbc as names, never as URL text (CVE-2022-21724: pgjdbc instantiates classes that URL
 * parameters such as {@code socketFactory} name). Source and target databases are literally called
 * {@value #DATABASE}: spliced into {@code jdbc:postgresql://host:port/<name>}, pgjdbc would connect to database
 * {@code app} through {@code NonValidatingFactory}, whose raw TLS sockets no PostgreSQL accepts, and every session
 * would fail. The migration (Debezium's sessions, pg2polar's own, the sink's and the REST extension's) runs through.
 */
class ConnectionStringIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    /** 57 bytes: PostgreSQL keeps names up to 63. */
    private static final String DATABASE = "app?socketFactory=org.postgresql.ssl.NonValidatingFactory";

    private static final Duration CATCH_UP = Duration.ofMinutes(3);

    @Test
    void aDatabaseNamedLikeUrlParametersMigrates() {
        env.source().createDatabase(DATABASE);
        env.target().createDatabase(DATABASE);
        FamilyTables.create(env.source(), DATABASE);
        FamilyTables.load(env.source(), DATABASE, 50);
        Definition source = ConnectorConfigs.source("urlname", DATABASE, Map.of());
        Definition sink = ConnectorConfigs.sink("urlname", DATABASE, Map.of());
        env.rest().putConnector(source.name(), source.config());
        env.rest().putConnector(sink.name(), sink.config());
        env.rest().awaitRunning(source.name(), Duration.ofMinutes(1));
        DatabaseComparison.awaitIdentical(
                new Side(env.source(), DATABASE), new Side(env.target(), DATABASE), FamilyTables.ALL, CATCH_UP);

        env.source().execute(DATABASE, "UPDATE parent SET name = 'streamed' WHERE id <= 5");
        DatabaseComparison.awaitIdentical(
                new Side(env.source(), DATABASE), new Side(env.target(), DATABASE), FamilyTables.ALL, CATCH_UP);
        JsonNode verified = env.rest()
                .post(
                        "/pg2polar/migrations/urlname/verify?mode=full&recheckDelaySeconds=1",
                        null,
                        Duration.ofMinutes(2));
        assertTrue(verified.path("equal").asBoolean(), verified.toPrettyString());
        assertEquals(1, Slots.count(env.source(), DATABASE));

        env.rest().delete(sink.name());
        env.rest().delete(source.name());
        Slots.drop(env.source(), DATABASE, "pg2polar_urlname_source");
    }
}
