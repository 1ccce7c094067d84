package io.pg2polar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Slots;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.servers.postgres.PostgresServer;

/**
 * A migration of 2,000 small tables (DTS stops at 1,000 per task): every table is created on the target by
 * schema migration and every row arrives, compared table by table.
 */
class ManyTablesIT {

    @RegisterExtension
    static final MigrationEnvironment env = MigrationEnvironment.dedicated();

    private static final Logger LOG = LoggerFactory.getLogger(ManyTablesIT.class);
    private static final int TABLES = 2_000;
    private static final String SOURCE_DB = "many_src";
    private static final String TARGET_DB = "many_tgt";

    @Test
    void twoThousandTablesStartAndComplete() throws SQLException {
        env.source().createDatabase(SOURCE_DB);
        env.target().createDatabase(TARGET_DB);
        env.source().execute(SOURCE_DB, """
                DO $$
                BEGIN
                    FOR i IN 1..%d LOOP
                        EXECUTE format('CREATE TABLE t%%s (id int PRIMARY KEY, label text, n numeric)', lpad(i::text, 4, '0'));
                        EXECUTE format('INSERT INTO t%%s SELECT g, ''row '' || g, g * %%s FROM generate_series(1, 3) g', lpad(i::text, 4, '0'), i);
                    END LOOP;
                END $$""".formatted(TABLES));
        long started = System.nanoTime();
        Definition source = ConnectorConfigs.source("many", SOURCE_DB, Map.of());
        Definition sink = ConnectorConfigs.sink("many", TARGET_DB, Map.of());
        env.rest().putConnector(source.name(), source.config());
        env.rest().putConnector(sink.name(), sink.config());

        String fingerprint = fingerprintQuery();
        String expected = single(env.source(), SOURCE_DB, fingerprint);
        Await.until("all " + TABLES + " tables and their rows are on the target", Duration.ofMinutes(8), () -> {
            try {
                return single(env.target(), TARGET_DB, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").equals(Integer.toString(TABLES))
                        && expected.equals(single(env.target(), TARGET_DB, fingerprint));
            }
            catch (SQLException e) {
                return false;
            }
        });
        LOG.info("{} tables migrated in {} s", TABLES, Duration.ofNanos(System.nanoTime() - started).toSeconds());
        assertEquals(expected, single(env.target(), TARGET_DB, fingerprint));

        env.rest().delete(sink.name());
        env.rest().delete(source.name());
        Slots.drop(env.source(), SOURCE_DB, "pg2polar_many_source");
    }

    /** Every table's rows as text, in table and row order, hashed: equal on both sides only if every row is. */
    private static String fingerprintQuery() {
        StringJoiner tables = new StringJoiner(" UNION ALL ");
        for (int i = 1; i <= TABLES; i++) {
            String name = "t%04d".formatted(i);
            tables.add("SELECT '" + name + "' AS t, string_agg(x::text, ';' ORDER BY x.id) AS rows FROM " + name + " x");
        }
        return "SELECT md5(string_agg(t || ':' || rows, '|' ORDER BY t)) FROM (" + tables + ") all_tables";
    }

    private static String single(PostgresServer server, String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
