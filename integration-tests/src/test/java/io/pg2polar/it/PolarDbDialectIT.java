package io.pg2polar.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.TwoDatabaseMigration;
import io.pg2polar.it.kit.Validation;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.servers.postgres.PostgresServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The polardb-o dialect on a PostgreSQL 14 target (PolarDB-O 2.0's base), with PolarDB-O's traps emulated where
 * they can be: identifiers that are reserved words there (and here) work because every identifier is quoted;
 * DATE columns are created as TIMESTAMP(0), as PolarDB-O's polar_comp_redwood_date would, and carry the dates;
 * NOT NULL text columns holding '' (which PolarDB-O would store as NULL) are reported before the load.
 */
class PolarDbDialectIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final String SCHEMA = """
            CREATE TABLE "level" (
                "rownum" int PRIMARY KEY,
                "minus" text,
                "prior" numeric,
                "connect_by_root" text,
                "loop" boolean,
                "order" int,
                "user" text,
                birthday date,
                days date[]);
            CREATE INDEX level_prior ON "level" ("prior") WHERE "loop";
            INSERT INTO "level" VALUES
                (1, 'a', 1.5, 'root', true, 10, 'alice', date '1970-01-01', ARRAY[date '2024-02-29', NULL]),
                (2, '', -2, NULL, false, 20, 'bob', date '0044-03-15 BC', NULL),
                (3, NULL, NULL, 'x', NULL, NULL, NULL, 'infinity', '{}');
            """;

    @Test
    void reservedWordsAndDatesMigrateIntoThePolarDbDialect() throws SQLException {
        try (TwoDatabaseMigration migration = TwoDatabaseMigration.create(env, "polar")) {
            migration.onSource(SCHEMA);
            migration.start(Map.of("target.dialect", "polardb-o"), Map.of("target.dialect", "polardb-o"));
            migration.onSource(
                    "UPDATE \"level\" SET \"minus\" = 'b', birthday = date '2000-12-31' WHERE \"rownum\" = 1;"
                            + " INSERT INTO \"level\" (\"rownum\", birthday) VALUES (4, date '1999-01-01')");

            String dates =
                    "SELECT \"rownum\", \"minus\", \"prior\", \"connect_by_root\", \"loop\", \"order\", \"user\", birthday::date,"
                            + " days::date[] FROM \"level\" ORDER BY 1";
            List<String> expected = rows(env.source(), migration.sourceDatabase(), dates);
            Await.until(
                    "the rows reached the target",
                    Duration.ofMinutes(3),
                    () -> expected.equals(rowsOrEmpty(env.target(), migration.targetDatabase(), dates)));
            assertEquals(
                    List.of("birthday timestamp(0) without time zone", "days timestamp(0) without time zone[]"),
                    rows(
                            env.target(),
                            migration.targetDatabase(),
                            "SELECT attname || ' ' || format_type(atttypid, atttypmod) FROM pg_attribute"
                                    + " WHERE attrelid = '\"level\"'::regclass AND attname IN ('birthday', 'days') ORDER BY attname"));
            assertEquals(
                    List.of("0044-03-15 00:00:00 BC"),
                    rows(
                            env.target(),
                            migration.targetDatabase(),
                            "SELECT birthday FROM \"level\" WHERE \"rownum\" = 2"),
                    "a date arrives as that day's midnight");
            assertEquals(
                    1,
                    rows(
                                    env.target(),
                                    migration.targetDatabase(),
                                    "SELECT indexdef FROM pg_indexes WHERE indexname = 'level_prior'")
                            .size(),
                    "the partial index over reserved-word columns was created from the source's quoted definition");
        }
    }

    @Test
    void emptyStringsInNotNullTextColumnsAreReportedBeforeTheLoad() {
        String sourceDb = "polar_empty_src";
        env.source().createDatabase(sourceDb);
        env.source()
                .execute(
                        sourceDb,
                        "CREATE TABLE account (id int PRIMARY KEY, code varchar(10) NOT NULL, note text NOT NULL, extra text);"
                                + " INSERT INTO account VALUES (1, 'A', 'x', ''), (2, '', 'y', NULL), (3, '', '', NULL)");
        Definition source = ConnectorConfigs.source("polarempty", sourceDb, Map.of("target.dialect", "polardb-o"));
        Map<String, String> config = new java.util.HashMap<>(source.config());
        config.put("name", source.name());
        Validation result = new Validation(env.rest().validate("io.pg2polar.source.Pg2PolarSourceConnector", config));
        List<String> errors = result.errorsOn("target.dialect");
        assertEquals(1, errors.size(), result.toString());
        assertTrue(
                errors.get(0).contains("\"public\".\"account\".\"code\" (2 rows)")
                        && errors.get(0).contains("\"note\" (1 rows)")
                        && !errors.get(0).contains("extra"),
                errors.get(0));

        config.put("target.dialect", "postgresql");
        assertEquals(
                List.of(),
                new Validation(env.rest().validate("io.pg2polar.source.Pg2PolarSourceConnector", config))
                        .errorsOn("target.dialect"),
                "PostgreSQL keeps '' apart from NULL");
    }

    private static List<String> rowsOrEmpty(PostgresServer server, String database, String sql) {
        try {
            return rows(server, database, sql);
        } catch (SQLException e) {
            return List.of();
        }
    }

    private static List<String> rows(PostgresServer server, String database, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute("SET DateStyle = 'ISO, YMD'");
            try (ResultSet rs = statement.executeQuery(sql)) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(i > 1 ? "|" : "").append(rs.getString(i));
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }
}
