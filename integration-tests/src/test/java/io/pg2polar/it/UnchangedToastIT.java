package io.pg2polar.it;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.TwoDatabaseMigration;

/**
 * With REPLICA IDENTITY DEFAULT, PostgreSQL does not log a TOASTed value an update left unchanged, and Debezium
 * sends a placeholder instead. Updating a small column of rows with large text, jsonb, bytea and array values
 * must leave those values intact on the target: the placeholder never reaches a table.
 */
class UnchangedToastIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final String DDL = """
            CREATE TABLE document (
                id int PRIMARY KEY,
                version int,
                body text,
                meta jsonb,
                blob bytea,
                tags text[],
                counts int[],
                longs bigint[],
                ids uuid[]);
            """;
    /** Values far above the 2 kB TOAST threshold, made of md5 digests so compression cannot keep them inline. */
    private static final String LOAD = """
            INSERT INTO document
            SELECT g, 1,
                   (SELECT string_agg(md5(g::text || i), '') FROM generate_series(1, 400) i),
                   (SELECT jsonb_object_agg('k' || i, md5(g::text || i)) FROM generate_series(1, 300) i),
                   (SELECT decode(string_agg(md5(g::text || i), ''), 'hex') FROM generate_series(1, 400) i),
                   (SELECT array_agg(md5(g::text || i)) FROM generate_series(1, 300) i),
                   (SELECT array_agg(i * g) FROM generate_series(1, 3000) i),
                   (SELECT array_agg(i::bigint * g * 1000003) FROM generate_series(1, 2000) i),
                   (SELECT array_agg(md5(g::text || 'u' || i)::uuid) FROM generate_series(1, 400) i)
            FROM generate_series(1, 20) g;
            """;

    private static final List<TableId> TABLES = List.of(new TableId("public", "document"));

    @Test
    void updatingASmallColumnLeavesUnchangedToastedValuesIntact() {
        try (TwoDatabaseMigration migration =
                TwoDatabaseMigration.create(env, "toast").onSource(DDL + LOAD).onTarget(DDL)) {
            migration.start();
            migration.awaitIdentical(TABLES, Duration.ofMinutes(3));

            migration.onSource("""
                    UPDATE document SET version = version + 1 WHERE id <= 10;
                    UPDATE document SET version = version + 1, body = body || 'changed' WHERE id = 11;
                    INSERT INTO document (id, version, body) VALUES (100, 1, 'small');
                    UPDATE document SET version = 2 WHERE id = 100;
                    UPDATE document SET version = version + 1 WHERE id <= 3;
                    """);
            migration.awaitIdentical(TABLES, Duration.ofMinutes(3));
        }
    }
}
