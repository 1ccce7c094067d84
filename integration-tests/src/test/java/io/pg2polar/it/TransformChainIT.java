package io.pg2polar.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.TwoDatabaseMigration;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ETL with Kafka Connect SMTs in both chains, end to end: the source chain masks e-mail addresses before they
 * reach Kafka (pg2polar's MaskColumns) and renames the topics (Kafka's RegexRouter); the sink chain masks phone
 * numbers before they reach the target. Snapshot rows, inserts, updates and DDL all pass the chains; every
 * target row equals its source row with the masked columns replaced.
 */
class TransformChainIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final String SOURCE_DB = "etl_src";
    private static final String TARGET_DB = "etl_tgt";
    /** The source's rows as the target must hold them: e-mail and phone masked, NULLs kept. */
    private static final String MASKED_VIEW = """
            CREATE VIEW customer_as_migrated AS
            SELECT id, name, CASE WHEN email IS NULL THEN NULL ELSE '***' END AS email,
                   CASE WHEN phone IS NULL THEN NULL ELSE '###' END AS phone, vip, city
            FROM customer""";

    @Test
    void columnsMaskedInTheSourceAndSinkChainsWhileTopicsAreRenamed() {
        try (TwoDatabaseMigration migration = TwoDatabaseMigration.create(env, "etl")) {
            migration.onSource("""
                    CREATE TABLE customer (id bigint PRIMARY KEY, name text NOT NULL, email text, phone varchar(20), vip boolean);
                    INSERT INTO customer SELECT g, 'customer ' || g, CASE WHEN g % 10 = 0 THEN NULL ELSE 'c' || g || '@example.com' END,
                        CASE WHEN g % 7 = 0 THEN NULL ELSE '+86 10 ' || g END, g % 3 = 0 FROM generate_series(1, 500) g;
                    """);
            Definition source = ConnectorConfigs.source(
                    "etl",
                    SOURCE_DB,
                    Map.of(
                            "transforms", "mask,route",
                            "transforms.mask.type", "io.pg2polar.source.transforms.MaskColumns",
                            "transforms.mask.columns", "public.customer.email",
                            "transforms.mask.replacement", "***",
                            "transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter",
                            "transforms.route.regex", "etl\\.(.*)",
                            "transforms.route.replacement", "etl-masked.$1"));
            Definition sink = ConnectorConfigs.sink(
                            "etl-masked",
                            TARGET_DB,
                            Map.of(
                                    "transforms", "mask",
                                    "transforms.mask.type", "io.pg2polar.source.transforms.MaskColumns",
                                    "transforms.mask.columns", "public.customer.phone",
                                    "transforms.mask.replacement", "###"))
                    .renamed("etl-sink", Map.of());
            migration.start(source, sink).awaitRunning(Duration.ofMinutes(1));
            awaitMasked(migration);

            migration.onSource("""
                    INSERT INTO customer SELECT g, 'late ' || g, 'late' || g || '@example.com', NULL, true FROM generate_series(501, 520) g;
                    UPDATE customer SET email = 'new' || id || '@example.com', name = name || ' (moved)' WHERE id % 5 = 0;
                    UPDATE customer SET phone = '+86 21 ' || id WHERE id % 7 = 0;
                    DELETE FROM customer WHERE id % 11 = 0;
                    ALTER TABLE customer ADD COLUMN city text;
                    UPDATE customer SET city = 'Hangzhou' WHERE id % 4 = 0;
                    """);
            awaitMasked(migration);
        }
    }

    /** Every target row equals the source row with e-mail and phone masked. */
    private static void awaitMasked(TwoDatabaseMigration migration) {
        migration.onSource("DROP VIEW IF EXISTS customer_as_migrated; " + MASKED_VIEW.replace(", city", columnsNow()));
        TableId view = new TableId("public", "customer_as_migrated");
        TableId customer = new TableId("public", "customer");
        Await.until("the target holds the source's rows, masked", Duration.ofMinutes(3), () -> {
            try {
                return DatabaseComparison.rows(migration.source(), view).equals(migration.targetRows(customer));
            } catch (RuntimeException e) {
                return false;
            }
        });
        List<String> rows = migration.targetRows(customer);
        assertEquals(DatabaseComparison.rows(migration.source(), view), rows);
    }

    /** ", city" once the column exists on the source, else nothing. */
    private static String columnsNow() {
        try (var connection = env.source().connect(SOURCE_DB);
                var statement = connection.createStatement();
                var rs = statement.executeQuery(
                        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'customer' AND column_name = 'city'")) {
            rs.next();
            return rs.getInt(1) > 0 ? ", city" : "";
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
