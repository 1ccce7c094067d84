package io.pg2polar.source.convert;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.postgresql.core.Oid;
import org.postgresql.geometric.PGbox;
import org.postgresql.geometric.PGpath;
import org.postgresql.geometric.PGpoint;
import org.postgresql.jdbc.PgArray;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PgTextValuesTest {

    @Test
    void rawTextPassesThrough() {
        // timestamps, times and bits in the snapshot; bits, tsquery, composites and multiranges when streaming
        assertEquals("13:45:01+05:30", PgTextValues.text("13:45:01+05:30"));
        assertEquals("0001-12-31 23:59:59.999999+00 BC", PgTextValues.text("0001-12-31 23:59:59.999999+00 BC"));
    }

    @Test
    void arraysKeepTheServerLiteral() throws SQLException {
        assertEquals("[0:1]={7,8}", PgTextValues.text(new PgArray(null, Oid.INT4_ARRAY, "[0:1]={7,8}")));
        assertEquals("{{a,b},{c,NULL}}", PgTextValues.text(new PgArray(null, Oid.TEXT_ARRAY, "{{a,b},{c,NULL}}")));
    }

    @Test
    void pgObjectsGiveTheirText() throws SQLException {
        PGobject composite = new PGobject();
        composite.setType("address");
        composite.setValue("(\"Main St 1\",12345,\"{x,y}\",)");
        assertEquals("(\"Main St 1\",12345,\"{x,y}\",)", PgTextValues.text(composite));
        assertEquals("(-0.0,NaN)", PgTextValues.text(new PGpoint(-0.0, Double.NaN)));
        assertEquals("[(0.0,0.0),(1.0,1.0)]", PgTextValues.text(new PGpath("[(0,0),(1,1)]")));
        assertEquals("((0.0,0.0),(1.0,1.0))", PgTextValues.text(new PGpath("((0,0),(1,1))")));
        assertEquals("(1.0E300,1.0),(0.0,-1.0E-300)", PgTextValues.text(new PGbox("(1e300,1),(0,-1e-300)")));
    }

    @Test
    void intervalsAndHstoreMaps() throws SQLException {
        assertEquals(
                "0 years 0 mons -1 days 2 hours 3 mins 4.5 secs",
                PgTextValues.text(new PGInterval("-1 days +02:03:04.5")));
        Map<String, String> hstore = new LinkedHashMap<>();
        hstore.put("k,=>\"q", "v\"v");
        hstore.put("n", null);
        assertEquals("\"k,=>\\\"q\"=>\"v\\\"v\", \"n\"=>NULL", PgTextValues.text(hstore));
    }

    @Test
    void anUnknownObjectFailsInsteadOfBecomingWrongText() {
        assertThrows(IllegalArgumentException.class, () -> PgTextValues.text(new Object()));
    }
}
