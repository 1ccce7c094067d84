package io.pg2polar.source.copy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XidSnapshotTest {

    @Test
    void transactionsBeforeXminAreVisibleThoseInProgressOrFromXmaxOnAreNot() {
        XidSnapshot snapshot = XidSnapshot.parse("100:105:103,101");
        assertTrue(snapshot.isVisible(99));
        assertTrue(snapshot.isVisible(100));
        assertFalse(snapshot.isVisible(101));
        assertTrue(snapshot.isVisible(102));
        assertFalse(snapshot.isVisible(103));
        assertTrue(snapshot.isVisible(104));
        assertFalse(snapshot.isVisible(105));
        assertFalse(snapshot.isVisible(1000));
        assertEquals("100:105:101,103", snapshot.toString());
    }

    @Test
    void anEmptyInProgressListParses() {
        XidSnapshot snapshot = XidSnapshot.parse("729:729:");
        assertTrue(snapshot.isVisible(728));
        assertFalse(snapshot.isVisible(729));
    }

    @Test
    void thirtyTwoBitXidsTakeTheEpochOfTheSnapshot() {
        long epoch3 = 3L << 32;
        XidSnapshot snapshot = new XidSnapshot(epoch3 + 10, epoch3 + 20, new long[] {epoch3 + 15});
        assertEquals(epoch3 + 12, snapshot.widen(12));
        assertTrue(snapshot.isVisible32(12));
        assertFalse(snapshot.isVisible32(15));
        assertFalse(snapshot.isVisible32(25));
        // just before the epoch began: a transaction of the previous epoch, visible
        assertEquals(epoch3 - 5, snapshot.widen(0xFFFF_FFFBL));
        assertTrue(snapshot.isVisible32(0xFFFF_FFFBL));
    }

    @Test
    void aSnapshotJustBeforeAnEpochEndsPlacesSmallXidsInTheNextEpoch() {
        long epoch1 = 1L << 32;
        XidSnapshot snapshot = new XidSnapshot(epoch1 - 40, epoch1 - 10, new long[0]);
        // xid 5 of the next epoch has not finished: it was assigned after the snapshot
        assertEquals(epoch1 + 5, snapshot.widen(5));
        assertFalse(snapshot.isVisible32(5));
        assertTrue(snapshot.isVisible32(0xFFFF_FFD0L));
    }
}
