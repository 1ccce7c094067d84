package io.pg2polar.sink.dialect;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.catalog.TargetColumn;
import io.pg2polar.sink.catalog.TargetTable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolarDbDialectTest {

    private final TargetDialect polar = TargetDialects.forName("polardb-o");

    @Test
    void listensOnPolarDbPortAndCreatesDatesAsTimestampZero() {
        assertEquals(1521, polar.defaultPort());
        assertEquals(5432, TargetDialects.forName("postgresql").defaultPort());
        assertEquals("timestamp(0) without time zone", polar.columnType("date", "date"));
        assertEquals("timestamp(0) without time zone[]", polar.columnType("date[]", "_date"));
        assertEquals("numeric(12,2)", polar.columnType("numeric(12,2)", "numeric"));
        assertTrue(polar.sameType("date", "date", "timestamp(0) without time zone"));
        assertFalse(polar.sameType("date", "date", "text"));
    }

    @Test
    void quotesPolarDbReservedWords() {
        TargetTable table = new TargetTable(
                new TableId("public", "level"),
                List.of(
                        new TargetColumn("rownum", "integer", false, false),
                        new TargetColumn("minus", "text", false, false)),
                List.of("rownum"));
        assertEquals(
                "INSERT INTO \"public\".\"level\" (\"rownum\", \"minus\") VALUES (CAST(? AS integer), CAST(? AS text))"
                        + " ON CONFLICT (\"rownum\") DO UPDATE SET \"minus\" = EXCLUDED.\"minus\"",
                polar.upsert(table, List.of("rownum", "minus")));
    }
}
