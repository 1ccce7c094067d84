package io.pg2polar.common.jdbc;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlStatesTest {

    @Test
    void aTargetTurnedReadOnlyIsRetriedNotRefused() {
        // after a failover to a replica the target answers 25006 until a primary is back: a sequence state met it
        // during TargetFailuresIT's read-only minute and failed the task as "refused" instead of waiting
        assertTrue(SqlStates.isRetriable(
                new SQLException("ERROR: cannot execute setval() in a read-only transaction", "25006")));
    }

    @Test
    void lostConnectionsConflictsAndTimeoutsAreRetriable() {
        assertTrue(SqlStates.isRetriable(new SQLException("gone", "08006")));
        assertTrue(SqlStates.isRetriable(new SQLException("conflict", "40001")));
        assertTrue(SqlStates.isRetriable(new SQLException("lock", "55P03")));
    }

    @Test
    void whatOnlyAChangeOnTheTargetFixesIsNotRetriable() {
        assertFalse(SqlStates.isRetriable(new SQLException("out of bounds", "22003")));
        assertFalse(SqlStates.isRetriable(new SQLException("denied", "42501")));
    }
}
