package io.pg2polar.controlplane;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.pg2polar.common.sink.TableProgress;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TablePhaseTest {

    private static final Optional<TableProgress> NOTHING_APPLIED = Optional.empty();

    @Test
    void aTableTheTargetDoesNotHaveYetIsPendingEvenWhenAnotherSinkTaskAppliedTheSnapshotsLastRow() {
        // two sink tasks: the one that applied the load's last chunk marks the snapshot completed while the other has
        // not committed this table's creation yet; "incremental" then sent users to a table that does not exist
        assertEquals("pending", TablePhase.of(NOTHING_APPLIED, true, false, true));
    }

    @Test
    void anEmptyTableOnTheTargetIsIncrementalOnceTheSnapshotCompleted() {
        assertEquals("incremental", TablePhase.of(NOTHING_APPLIED, true, true, true));
        assertEquals("completed", TablePhase.of(NOTHING_APPLIED, true, true, false));
    }

    @Test
    void beforeTheSnapshotCompletedATableWithoutProgressIsSchemaOrPending() {
        assertEquals("schema", TablePhase.of(NOTHING_APPLIED, false, true, true));
        assertEquals("pending", TablePhase.of(NOTHING_APPLIED, false, false, true));
    }

    @Test
    void aChunkedLoadIsIncrementalWhenItsLastChunkIsApplied() {
        assertEquals("full-load", TablePhase.of(Optional.of(progress(500, false, true, 0)), true, true, true));
        assertEquals("incremental", TablePhase.of(Optional.of(progress(1000, true, false, 0)), false, true, true));
        assertEquals("incremental", TablePhase.of(Optional.of(progress(0, false, false, 3)), false, true, true));
        assertEquals("schema", TablePhase.of(Optional.of(progress(0, false, false, 0)), false, true, true));
    }

    private static TableProgress progress(long snapshotRows, boolean snapshotDone, boolean loading, long inserts) {
        return new TableProgress(snapshotRows, snapshotDone, inserts, 0, 0, 0, 0, 0, null, null, loading, 0, 0);
    }
}
