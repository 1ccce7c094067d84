package io.pg2polar.it;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.TwoDatabaseMigration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every kind of change reaches the target as the source made it: an update that changes the primary key,
 * deletes, TRUNCATE of one table and of several (one of them referenced by a foreign key), rows of a
 * partitioned table landing in the right partition, a child row committed before its parent, and the
 * source's cascaded updates and deletes.
 */
class ChangeKindsIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final Duration CATCH_UP = Duration.ofMinutes(3);

    private static final String DDL = """
            CREATE TABLE account (id int PRIMARY KEY, email text UNIQUE, balance numeric(12,2));
            CREATE TABLE transfer (id bigint PRIMARY KEY, account_id int REFERENCES account (id) ON UPDATE CASCADE ON DELETE SET NULL, amount numeric(12,2));
            CREATE TABLE note (id int PRIMARY KEY, body text);
            CREATE TABLE measurement (id bigint, region text, value double precision, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
            CREATE TABLE measurement_eu PARTITION OF measurement FOR VALUES IN ('eu');
            CREATE TABLE measurement_us PARTITION OF measurement FOR VALUES IN ('us');
            """;
    private static final List<TableId> TABLES = List.of(
            new TableId("public", "account"),
            new TableId("public", "transfer"),
            new TableId("public", "note"),
            new TableId("public", "measurement_eu"),
            new TableId("public", "measurement_us"));

    @Test
    void everyChangeKindArrivesAsTheSourceMadeIt() {
        try (TwoDatabaseMigration migration =
                TwoDatabaseMigration.create(env, "kinds").onSource(DDL).onTarget(DDL)) {
            migration.onSource("""
                    INSERT INTO account SELECT g, 'user' || g || '@example.com', g * 10 FROM generate_series(1, 50) g;
                    INSERT INTO transfer SELECT g, g % 50 + 1, g FROM generate_series(1, 200) g;
                    INSERT INTO note SELECT g, 'note ' || g FROM generate_series(1, 20) g;
                    INSERT INTO measurement SELECT g, CASE WHEN g % 2 = 0 THEN 'eu' ELSE 'us' END, g / 3.0 FROM generate_series(1, 100) g;
                    """);
            migration.start();
            migration.awaitIdentical(TABLES, CATCH_UP);

            migration.onSource("""
                    UPDATE account SET id = id + 1000 WHERE id <= 5;
                    UPDATE account SET email = 'swap@example.com' WHERE id = 10;
                    UPDATE account SET email = 'user10@example.com' WHERE id = 11;
                    UPDATE account SET email = 'user11@example.com' WHERE id = 10;
                    DELETE FROM transfer WHERE id % 10 = 0;
                    DELETE FROM account WHERE id = 49;
                    TRUNCATE note;
                    INSERT INTO note VALUES (1, 'after truncate');
                    UPDATE measurement SET region = 'us' WHERE id = 2;
                    INSERT INTO measurement VALUES (1000, 'eu', 1.5), (1001, 'us', -0.0);
                    """);
            // a child committed before its parent: the source's own checks are off for this session only
            migration.onSource("""
                    SET session_replication_role = replica;
                    INSERT INTO transfer VALUES (5000, 777, 1.00);
                    """);
            migration.onSource("INSERT INTO account VALUES (777, 'late-parent@example.com', 0)");
            migration.awaitIdentical(TABLES, CATCH_UP);

            migration.onSource("TRUNCATE account, transfer; INSERT INTO account VALUES (1, 'fresh@example.com', 1)");
            migration.awaitIdentical(TABLES, CATCH_UP);
            assertEquals(List.of("(1,fresh@example.com,1.00)"), migration.targetRows(TABLES.get(0)));
        }
    }
}
