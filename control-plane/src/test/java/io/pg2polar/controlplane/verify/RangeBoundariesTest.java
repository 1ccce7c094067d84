package io.pg2polar.controlplane.verify;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RangeBoundariesTest {

    @Test
    void rangeCountKeepsRowsPerRangeBetweenTheBounds() {
        assertEquals(1, RangeBoundaries.rangeCount(0, 64));
        assertEquals(1, RangeBoundaries.rangeCount(999, 64));
        assertEquals(20, RangeBoundaries.rangeCount(20_000, 64));
        assertEquals(64, RangeBoundaries.rangeCount(1_000_000, 64));
        assertEquals(1_000, RangeBoundaries.rangeCount(100_000_000, 64));
        assertEquals(3, RangeBoundaries.rangeCount(250_000, 1));
    }

    @Test
    void rangesCoverTheKeySpaceWithOpenEnds() {
        assertEquals(List.of(KeyRange.ALL), RangeBoundaries.ranges(List.of()));
        assertEquals(
                List.of(
                        new KeyRange(null, List.of("10")),
                        new KeyRange(List.of("10"), List.of("20")),
                        new KeyRange(List.of("20"), null)),
                RangeBoundaries.ranges(List.of(List.of("10"), List.of("20"))));
    }
}
