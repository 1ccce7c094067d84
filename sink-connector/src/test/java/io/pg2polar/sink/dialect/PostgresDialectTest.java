package io.pg2polar.sink.dialect;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.catalog.TargetColumn;
import io.pg2polar.sink.catalog.TargetTable;
import io.pg2polar.sink.dialect.postgres.PostgresDialect;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PostgresDialectTest {

    private final PostgresDialect dialect = new PostgresDialect();
    private final TargetTable orders = new TargetTable(
            new TableId("Sales", "order"),
            List.of(
                    new TargetColumn("id", "bigint", false, true),
                    new TargetColumn("level", "numeric(12,2)", false, false),
                    new TargetColumn("total", "numeric", true, false)),
            List.of("id"));

    @Test
    void upsertCastsEveryParameterAndQuotesEveryIdentifier() {
        assertEquals(
                "INSERT INTO \"Sales\".\"order\" (\"id\", \"level\") OVERRIDING SYSTEM VALUE VALUES (CAST(? AS bigint),"
                        + " CAST(? AS numeric(12,2))) ON CONFLICT (\"id\") DO UPDATE SET \"level\" = EXCLUDED.\"level\"",
                dialect.upsert(orders, List.of("id", "level")));
    }

    @Test
    void upsertLeavesIdentityAlwaysColumnsOutOfTheUpdate() {
        TargetTable ticket = new TargetTable(
                new TableId("public", "ticket"),
                List.of(
                        new TargetColumn("code", "text", false, false),
                        new TargetColumn("seq", "integer", false, true),
                        new TargetColumn("title", "text", false, false)),
                List.of("code"));
        assertEquals(
                "INSERT INTO \"public\".\"ticket\" (\"code\", \"seq\", \"title\") OVERRIDING SYSTEM VALUE VALUES (CAST(? AS text),"
                        + " CAST(? AS integer), CAST(? AS text)) ON CONFLICT (\"code\") DO UPDATE SET \"title\" = EXCLUDED.\"title\"",
                dialect.upsert(ticket, List.of("code", "seq", "title")));
    }

    @Test
    void upsertOfKeyOnlyRowDoesNothingOnConflict() {
        assertEquals(
                "INSERT INTO \"Sales\".\"order\" (\"id\") OVERRIDING SYSTEM VALUE VALUES (CAST(? AS bigint)) ON CONFLICT (\"id\") DO NOTHING",
                dialect.upsert(orders, List.of("id")));
    }

    @Test
    void deleteMatchesEveryKeyColumn() {
        assertEquals("DELETE FROM \"Sales\".\"order\" WHERE \"id\" = CAST(? AS bigint)", dialect.deleteByKey(orders));
        assertEquals("TRUNCATE TABLE \"Sales\".\"order\"", dialect.truncate(orders.id()));
    }

    @Test
    void keylessChangesTouchExactlyOneRowEqualToTheOldImage() {
        TargetTable log = new TargetTable(
                new TableId("public", "log"),
                List.of(
                        new TargetColumn("at", "timestamp with time zone", false, false),
                        new TargetColumn("doc", "json", false, false)),
                List.of());
        String oneRow = "(tableoid, ctid) = (SELECT tableoid, ctid FROM \"public\".\"log\" WHERE"
                + " \"at\"::text IS NOT DISTINCT FROM CAST(? AS timestamp with time zone)::text"
                + " AND \"doc\"::text IS NOT DISTINCT FROM CAST(? AS json)::text LIMIT 1)";
        assertEquals(
                "DELETE FROM \"public\".\"log\" WHERE " + oneRow, dialect.deleteOneMatching(log, List.of("at", "doc")));
        assertEquals(
                "UPDATE \"public\".\"log\" SET \"doc\" = CAST(? AS json) WHERE " + oneRow,
                dialect.updateOneMatching(log, List.of("doc"), List.of("at", "doc")));
        assertEquals(
                "INSERT INTO \"public\".\"log\" (\"at\", \"doc\") VALUES (CAST(? AS timestamp with time zone), CAST(? AS json))",
                dialect.insert(log, List.of("at", "doc")));
        assertEquals("COPY \"public\".\"log\" (\"at\", \"doc\") FROM STDIN", dialect.copyIn(log, List.of("at", "doc")));
    }
}
