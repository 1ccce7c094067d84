package io.pg2polar.sink.apply;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pg2polar.common.control.ChunkText;
import io.pg2polar.common.control.CopyChunk;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.event.Operation;
import io.pg2polar.sink.event.RowImage;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which consecutive chunks the sink loads with one COPY. */
class CopyRunTest {

    private static final TableId ACCOUNTS = new TableId("public", "accounts");
    private static final TableId HISTORY = new TableId("public", "history");
    private static final List<String> COLUMNS = List.of("id", "balance");

    @Test
    void chunksOfOneTableAndSnapshotFormOneRunUpToTheTablesLast() {
        List<ChangeEvent> events = List.of(
                chunk(ACCOUNTS, 10, 0, false),
                chunk(ACCOUNTS, 10, 1, false),
                chunk(ACCOUNTS, 10, 2, true),
                chunk(HISTORY, 10, 0, true));
        assertEquals(3, CopyChunkHandler.copyRunEnd(events, 0));
        assertEquals(4, CopyChunkHandler.copyRunEnd(events, 3));
    }

    @Test
    void anotherTableOrAStreamedChangeEndsTheRun() {
        List<ChangeEvent> events = List.of(
                chunk(ACCOUNTS, 10, 0, false),
                chunk(HISTORY, 10, 0, false),
                chunk(ACCOUNTS, 10, 1, false),
                new ChangeEvent(ACCOUNTS, Operation.UPDATE, null, new RowImage(java.util.Map.of("id", "1")), null),
                chunk(ACCOUNTS, 10, 2, true));
        assertEquals(1, CopyChunkHandler.copyRunEnd(events, 0));
        assertEquals(2, CopyChunkHandler.copyRunEnd(events, 1));
        assertEquals(3, CopyChunkHandler.copyRunEnd(events, 2));
        assertEquals(5, CopyChunkHandler.copyRunEnd(events, 4));
    }

    /** A newer snapshot's chunks must start a run of their own: the table is emptied before them. */
    @Test
    void aNewerSnapshotStartsANewRun() {
        List<ChangeEvent> events = List.of(
                chunk(ACCOUNTS, 10, 0, false),
                chunk(ACCOUNTS, 10, 1, false),
                chunk(ACCOUNTS, 20, 0, false),
                chunk(ACCOUNTS, 20, 1, true));
        assertEquals(2, CopyChunkHandler.copyRunEnd(events, 0));
        assertEquals(4, CopyChunkHandler.copyRunEnd(events, 2));
    }

    @Test
    void otherColumnsStartANewRun() {
        List<ChangeEvent> events = List.of(
                chunk(ACCOUNTS, 10, 0, false),
                ChangeEvent.of(
                        new CopyChunk(ACCOUNTS, List.of("id"), 10, 1, 1, ChunkText.of("1\n".getBytes()), true, true, 0),
                        null));
        assertEquals(1, CopyChunkHandler.copyRunEnd(events, 0));
    }

    private static ChangeEvent chunk(TableId table, long snapshotPosition, long sequence, boolean lastInTable) {
        return ChangeEvent.of(
                new CopyChunk(
                        table,
                        COLUMNS,
                        snapshotPosition,
                        sequence,
                        1,
                        ChunkText.of("1\t2\n".getBytes()),
                        lastInTable,
                        false,
                        0),
                null);
    }
}
