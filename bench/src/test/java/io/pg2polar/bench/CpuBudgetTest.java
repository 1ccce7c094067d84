package io.pg2polar.bench;

import java.util.Arrays;
import java.util.Iterator;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CpuBudgetTest {

    /**
     * A backend that ends while the tree is read: alive (300 ticks) when its parent's reaped-children time is
     * read (100), reaped (100 + 300) before the live children are listed. Counting it neither twice nor not at
     * all means reading again; the pg_dump | psql baseline once reported 0.7 CPU-s for the target this way.
     */
    @Test
    void aBackendReapedWhileTheTreeIsReadIsCountedOnce() {
        LongSupplier reaped = sequence(100, 400, 400, 400);
        LongSupplier live = sequence(0, 0);

        assertEquals(400, CpuBudget.consistentTreeTicks(reaped, live));
    }

    @Test
    void aBackendReapedAfterTheLiveChildrenWereListedIsCountedOnce() {
        LongSupplier reaped = sequence(100, 400, 400, 400);
        LongSupplier live = sequence(300, 0);

        assertEquals(400, CpuBudget.consistentTreeTicks(reaped, live));
    }

    @Test
    void aQuietTreeIsReadOnce() {
        assertEquals(350, CpuBudget.consistentTreeTicks(sequence(100, 100), sequence(250)));
    }

    private static LongSupplier sequence(long... values) {
        Iterator<Long> next = Arrays.stream(values).boxed().toList().iterator();
        return next::next;
    }
}
