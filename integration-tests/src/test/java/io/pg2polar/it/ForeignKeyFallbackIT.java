package io.pg2polar.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.TwoDatabaseMigration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A target account that owns the database but is no superuser (the usual case on managed targets such as
 * PolarDB-O) may not suspend FK checks per session. The sink detects it, holds the foreign keys back and
 * disables user triggers, still applies rows that arrive before the rows they reference, and
 * {@code pg2polar.restore_foreign_keys()} brings keys and triggers back, validated.
 */
class ForeignKeyFallbackIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final String DDL = """
            CREATE TABLE customer (id int PRIMARY KEY, name text);
            CREATE TABLE purchase (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customer (id), total numeric);
            """;
    /** A user trigger that would reject every row the sink writes if it fired. */
    private static final String TARGET_TRIGGER = """
            CREATE FUNCTION reject_writes() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'application trigger fired during migration'; END $$;
            CREATE TRIGGER purchase_guard BEFORE INSERT OR UPDATE ON purchase FOR EACH ROW EXECUTE FUNCTION reject_writes();
            """;

    private static final List<TableId> TABLES =
            List.of(new TableId("public", "customer"), new TableId("public", "purchase"));

    @Test
    void nonSuperuserOwnerGetsForeignKeysHeldBackAndRestored() throws SQLException {
        try (TwoDatabaseMigration migration =
                TwoDatabaseMigration.create(env, "fk").targetOwnedBy("app_owner", "owner-secret")) {
            migration.onSource(DDL);
            migration.onTarget("SET ROLE app_owner;" + DDL + TARGET_TRIGGER);
            migration.onSource("INSERT INTO customer SELECT g, 'c' || g FROM generate_series(1, 100) g;"
                    + " INSERT INTO purchase SELECT g, g % 100 + 1, g * 2.5 FROM generate_series(1, 300) g");

            migration.start(Map.of(), Map.of("connection.user", "app_owner", "connection.password", "owner-secret"));
            migration.awaitIdentical(TABLES, Duration.ofMinutes(3));

            // committed on the source child first: the purchase's customer arrives in a later transaction
            migration.onSource("SET session_replication_role = replica; INSERT INTO purchase VALUES (9001, 9000, 1)");
            migration.onSource("INSERT INTO customer VALUES (9000, 'late customer')");
            migration.awaitIdentical(TABLES, Duration.ofMinutes(3));
            assertEquals(
                    0,
                    queryInt(migration.targetDatabase(), "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"),
                    "foreign keys are held back");

            env.rest().delete(migration.sinkConnector().name());
            assertEquals(1, queryInt(migration.targetDatabase(), "SELECT pg2polar.restore_foreign_keys()"));
            assertEquals(
                    1,
                    queryInt(
                            migration.targetDatabase(),
                            "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"
                                    + " AND conname = 'purchase_customer_id_fkey'"));
            assertEquals(
                    1,
                    queryInt(
                            migration.targetDatabase(),
                            "SELECT count(*) FROM pg_trigger WHERE tgname = 'purchase_guard' AND tgenabled = 'O'"));
        }
    }

    /** Runs a query as the database owner, not as superuser. */
    private static int queryInt(String database, String sql) throws SQLException {
        PgEndpoint owner =
                new PgEndpoint(env.target().host(), env.target().port(), database, "app_owner", "owner-secret");
        try (Connection connection = owner.connect("fk-test", Duration.ofSeconds(10), Duration.ofMinutes(1));
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
