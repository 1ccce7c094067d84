package io.pg2polar.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.it.kit.DatabaseComparison;
import io.pg2polar.it.kit.DatabaseComparison.Side;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Slots;

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
        String sourceDb = "toast_src";
        String targetDb = "toast_tgt";
        env.source().createDatabase(sourceDb);
        env.target().createDatabase(targetDb);
        env.source().execute(sourceDb, DDL + LOAD);
        env.target().execute(targetDb, DDL);
        Definition source = ConnectorConfigs.source("toast", sourceDb, Map.of());
        Definition sink = ConnectorConfigs.sink("toast", targetDb, Map.of());
        env.rest().putConnector(source.name(), source.config());
        env.rest().putConnector(sink.name(), sink.config());
        Side sourceSide = new Side(env.source(), sourceDb);
        Side targetSide = new Side(env.target(), targetDb);
        DatabaseComparison.awaitIdentical(sourceSide, targetSide, TABLES, Duration.ofMinutes(3));

        env.source().execute(sourceDb, """
                UPDATE document SET version = version + 1 WHERE id <= 10;
                UPDATE document SET version = version + 1, body = body || 'changed' WHERE id = 11;
                INSERT INTO document (id, version, body) VALUES (100, 1, 'small');
                UPDATE document SET version = 2 WHERE id = 100;
                UPDATE document SET version = version + 1 WHERE id <= 3;
                """);
        DatabaseComparison.awaitIdentical(sourceSide, targetSide, TABLES, Duration.ofMinutes(3));

        env.rest().delete(sink.name());
        env.rest().delete(source.name());
        Slots.drop(env.source(), sourceDb, "pg2polar_toast_source");
    }
}
