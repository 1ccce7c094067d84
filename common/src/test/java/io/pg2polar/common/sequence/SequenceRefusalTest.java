package io.pg2polar.common.sequence;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.pg2polar.common.jdbc.SqlStates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceRefusalTest {

    private static final SequenceValue CAPPED =
            new SequenceValue("Sales", "order no", "bigint", 1, 1, 1, Long.MAX_VALUE, 1, false, 50L);

    @Test
    void outOfBoundsNamesTheSequenceAndTheSourcesRange() {
        SequenceRefusal refusal = new SequenceRefusal(
                CAPPED,
                new SQLException(
                        "ERROR: setval: value 50 is out of bounds for sequence \"order no\" (1..10)", "22003"));
        assertEquals(
                "sequence \"Sales\".\"order no\" (source's last value 50): ERROR: setval: value 50 is out of bounds for sequence"
                        + " \"order no\" (1..10)",
                refusal.describe());
        assertEquals(
                "Give \"Sales\".\"order no\" the source's range (ALTER SEQUENCE \"Sales\".\"order no\" AS bigint MINVALUE 1 MAXVALUE"
                        + " 9223372036854775807), or drop it so the sink creates it as the source defines it",
                refusal.fix());
    }

    @Test
    void aMissingPrivilegeAsksForOwnership() {
        SequenceRefusal refusal = new SequenceRefusal(
                CAPPED, new SQLException("ERROR: permission denied for sequence order no", "42501"));
        assertTrue(
                refusal.fix().startsWith("Make the sink's target account the owner of \"Sales\".\"order no\""),
                refusal.fix());
    }

    @Test
    void onlyWhatMaySucceedUnchangedIsRetriable() {
        assertTrue(SqlStates.isRetriable(new SQLException("lost", "08006")));
        assertTrue(SqlStates.isRetriable(new SQLException("deadlock", "40P01")));
        assertTrue(SqlStates.isRetriable(new SQLException("lock timeout", "55P03")));
        assertTrue(SqlStates.isRetriable(new SQLException("disk full", "53100")));
        assertFalse(SqlStates.isRetriable(new SQLException("out of bounds", "22003")));
        assertFalse(SqlStates.isRetriable(new SQLException("not a sequence", "42809")));
    }
}
