package io.pg2polar.sink.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.catalog.TargetColumn;
import io.pg2polar.sink.catalog.TargetTable;
import io.pg2polar.sink.dialect.postgres.PostgresDialect;

class PostgresDialectTest {

    private final PostgresDialect dialect = new PostgresDialect();
    private final TargetTable orders = new TargetTable(new TableId("Sales", "order"),
            List.of(new TargetColumn("id", "bigint", false, true), new TargetColumn("level", "numeric(12,2)", false, false),
                    new TargetColumn("total", "numeric", true, false)),
            List.of("id"));

    @Test
    void upsertCastsEveryParameterAndQuotesEveryIdentifier() {
        assertEquals("INSERT INTO \"Sales\".\"order\" (\"id\", \"level\") OVERRIDING SYSTEM VALUE VALUES (CAST(? AS bigint),"
                + " CAST(? AS numeric(12,2))) ON CONFLICT (\"id\") DO UPDATE SET \"level\" = EXCLUDED.\"level\"",
                dialect.upsert(orders, List.of("id", "level")));
    }

    @Test
    void upsertOfKeyOnlyRowDoesNothingOnConflict() {
        assertEquals("INSERT INTO \"Sales\".\"order\" (\"id\") OVERRIDING SYSTEM VALUE VALUES (CAST(? AS bigint)) ON CONFLICT (\"id\") DO NOTHING",
                dialect.upsert(orders, List.of("id")));
    }

    @Test
    void deleteMatchesEveryKeyColumn() {
        assertEquals("DELETE FROM \"Sales\".\"order\" WHERE \"id\" = CAST(? AS bigint)", dialect.delete(orders, List.of("id")));
        assertEquals("TRUNCATE TABLE \"Sales\".\"order\"", dialect.truncate(orders.id()));
    }
}
