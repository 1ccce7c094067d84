package io.pg2polar.controlplane.verify;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.pg2polar.controlplane.verify.Columns.bigint;
import static io.pg2polar.controlplane.verify.Columns.date;
import static io.pg2polar.controlplane.verify.Columns.same;
import static io.pg2polar.controlplane.verify.Columns.text;
import static io.pg2polar.controlplane.verify.Columns.timestamp0;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RowTextTest {

    private static final List<ComparedColumn> COLUMNS = List.of(
            same(bigint("id")), new ComparedColumn("born", date("born"), timestamp0("born")), same(text("Name")));

    @Test
    void comparesEveryColumnAsStoredForAPostgresTarget() {
        RowText text = new RowText(COLUMNS, false);
        assertEquals("ROW(t.\"id\", t.\"born\", t.\"Name\")::text", text.row(Side.SOURCE));
        assertEquals("ROW(t.\"id\", t.\"born\", t.\"Name\")::text", text.row(Side.TARGET));
    }

    @Test
    void normalisesPolarDbDatesOnTheTargetAndEmptyStringsOnBothSides() {
        RowText text = new RowText(COLUMNS, true);
        assertEquals("ROW(t.\"id\", t.\"born\", NULLIF(t.\"Name\", ''))::text", text.row(Side.SOURCE));
        assertEquals(
                "ROW(t.\"id\", CAST(t.\"born\" AS pg_catalog.date), NULLIF(t.\"Name\", ''))::text",
                text.row(Side.TARGET));
    }

    @Test
    void leavesADateTheTargetKeptAsDateAlone() {
        RowText text = new RowText(List.of(same(date("d"))), true);
        assertEquals("ROW(t.\"d\")::text", text.row(Side.TARGET));
    }

    @Test
    void keysAreNormalisedByTypeButNeverNulled() {
        RowText text = new RowText(COLUMNS, true);
        assertEquals("CAST(t.\"Name\" AS text)", text.keyText(COLUMNS.get(2), Side.TARGET));
        assertEquals("CAST(CAST(t.\"born\" AS pg_catalog.date) AS text)", text.keyText(COLUMNS.get(1), Side.TARGET));
        assertEquals("CAST(t.\"born\" AS text)", text.keyText(COLUMNS.get(1), Side.SOURCE));
    }

    @Test
    void quotesColumnNamesThatNeedIt() {
        RowText text = new RowText(List.of(same(text("we\"ird"))), false);
        assertEquals("ROW(t.\"we\"\"ird\")::text", text.row(Side.SOURCE));
    }
}
