package io.pg2polar.controlplane.verify;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pg2polar.common.sql.TableId;

import static io.pg2polar.controlplane.verify.Columns.bigint;
import static io.pg2polar.controlplane.verify.Columns.date;
import static io.pg2polar.controlplane.verify.Columns.text;
import static io.pg2polar.controlplane.verify.Columns.timestamp0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VerifySqlTest {

    private static final TableId TABLE = new TableId("app", "Order");
    private static final TableShape COMPOSITE = TableShape.match(
            TABLE,
            List.of(text("code"), bigint("n"), text("note")),
            List.of(text("code"), bigint("n"), text("note")),
            List.of("code", "n"));

    @Test
    void rangeChecksumOrdersTextKeysByteWiseAndCastsBoundsToTheSidesTypes() {
        SqlQuery query = new VerifySql(COMPOSITE, Side.SOURCE, false)
                .rangeChecksum(new KeyRange(List.of("a", "1"), List.of("m", "7")), null);
        assertEquals(
                "SELECT count(*), md5(string_agg(md5(ROW(t.\"code\", t.\"n\", t.\"note\")::text), '' ORDER BY t.\"code\" COLLATE \"C\", t.\"n\"))"
                        + " FROM \"app\".\"Order\" AS t"
                        + " WHERE ROW(t.\"code\" COLLATE \"C\", t.\"n\") > ROW(CAST(? AS text) COLLATE \"C\", CAST(? AS bigint))"
                        + " AND ROW(t.\"code\" COLLATE \"C\", t.\"n\") <= ROW(CAST(? AS text) COLLATE \"C\", CAST(? AS bigint))",
                query.sql());
        assertEquals(List.of("a", "1", "m", "7"), query.params());
    }

    @Test
    void anOpenRangeHasNoCondition() {
        SqlQuery query = new VerifySql(COMPOSITE, Side.TARGET, false).rangeFingerprints(KeyRange.ALL, null);
        assertEquals(
                "SELECT CAST(t.\"code\" AS text), CAST(t.\"n\" AS text), md5(ROW(t.\"code\", t.\"n\", t.\"note\")::text)"
                        + " FROM \"app\".\"Order\" AS t ORDER BY t.\"code\" COLLATE \"C\", t.\"n\"",
                query.sql());
        assertEquals(List.of(), query.params());
    }

    @Test
    void aSampleSelectsKeysByTheirSeededHash() {
        SqlQuery query = new VerifySql(COMPOSITE, Side.SOURCE, false)
                .rangeChecksum(new KeyRange(null, List.of("m", "7")), new Sample("5eed", 30));
        assertEquals(
                " WHERE ROW(t.\"code\" COLLATE \"C\", t.\"n\") <= ROW(CAST(? AS text) COLLATE \"C\", CAST(? AS bigint))"
                        + " AND CAST(CAST('x' || left(md5(? || ROW(CAST(t.\"code\" AS text), CAST(t.\"n\" AS text))::text), 7) AS bit(28)) AS integer) % 100 < ?",
                query.sql().substring(query.sql().indexOf(" WHERE")));
        assertEquals(List.of("m", "7", "5eed", 30), query.params());
    }

    @Test
    void keysAreLookedUpAsOneTextArrayPerKeyColumn() {
        SqlQuery query = new VerifySql(COMPOSITE, Side.SOURCE, false)
                .fingerprintsOf(List.of(List.of("a", "1"), List.of("b", "2")));
        assertEquals(
                "SELECT CAST(t.\"code\" AS text), CAST(t.\"n\" AS text), md5(ROW(t.\"code\", t.\"n\", t.\"note\")::text)"
                        + " FROM \"app\".\"Order\" AS t WHERE ROW(t.\"code\", t.\"n\") IN (SELECT CAST(u.k0 AS text), CAST(u.k1 AS bigint)"
                        + " FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS u(k0, k1))",
                query.sql());
        assertArrayEquals(new String[] {"a", "b"}, (String[]) query.params().get(0));
        assertArrayEquals(new String[] {"1", "2"}, (String[]) query.params().get(1));
    }

    @Test
    void boundariesAreWalkedFromTheLastOne() {
        VerifySql sql = new VerifySql(COMPOSITE, Side.SOURCE, false);
        assertEquals(
                "SELECT CAST(t.\"code\" AS text), CAST(t.\"n\" AS text) FROM \"app\".\"Order\" AS t ORDER BY t.\"code\" COLLATE \"C\", t.\"n\""
                        + " OFFSET ? LIMIT 1",
                sql.keyAfter(null, 999).sql());
        SqlQuery next = sql.keyAfter(List.of("k", "3"), 999);
        assertEquals(
                "SELECT CAST(t.\"code\" AS text), CAST(t.\"n\" AS text) FROM \"app\".\"Order\" AS t"
                        + " WHERE ROW(t.\"code\" COLLATE \"C\", t.\"n\") > ROW(CAST(? AS text) COLLATE \"C\", CAST(? AS bigint))"
                        + " ORDER BY t.\"code\" COLLATE \"C\", t.\"n\" OFFSET ? LIMIT 1",
                next.sql());
        assertEquals(List.of("k", "3", 999L), next.params());
    }

    @Test
    void aPolarDbDateKeyIsBoundAsTheTargetsTimestampAndNamedAsADate() {
        TableShape shape = TableShape.match(
                TABLE, List.of(date("day"), text("note")), List.of(timestamp0("day"), text("note")), List.of("day"));
        SqlQuery query = new VerifySql(shape, Side.TARGET, true)
                .rangeFingerprints(new KeyRange(List.of("2024-01-01"), null), null);
        assertEquals(
                "SELECT CAST(CAST(t.\"day\" AS pg_catalog.date) AS text), md5(ROW(CAST(t.\"day\" AS pg_catalog.date), NULLIF(t.\"note\", ''))::text)"
                        + " FROM \"app\".\"Order\" AS t WHERE ROW(t.\"day\") > ROW(CAST(? AS timestamp(0) without time zone)) ORDER BY t.\"day\"",
                query.sql());
    }

    @Test
    void keylessTablesAreHashedRowByRow() {
        TableShape shape = TableShape.match(TABLE, List.of(text("a")), List.of(text("a")), List.of());
        VerifySql sql = new VerifySql(shape, Side.SOURCE, false);
        assertEquals(
                "SELECT count(*), md5(string_agg(h, '' ORDER BY h COLLATE \"C\")) FROM (SELECT md5(ROW(t.\"a\")::text) AS h"
                        + " FROM \"app\".\"Order\" AS t) AS s",
                sql.wholeChecksum().sql());
        assertEquals(
                "SELECT h, count(*) FROM (SELECT md5(ROW(t.\"a\")::text) AS h FROM \"app\".\"Order\" AS t) AS s"
                        + " WHERE h = ANY(CAST(? AS text[])) GROUP BY h",
                sql.rowHashCounts(List.of("abc")).sql());
    }
}
