package io.pg2polar.source.copy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.pg2polar.common.control.ChunkText;
import io.pg2polar.common.control.SchemaChange;
import io.pg2polar.common.sql.TableId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkWindowsTest {

    private static final TableCopy ORDERS = new TableCopy(
            new TableId("public", "orders"),
            1,
            false,
            List.of(new TableCopy.KeyColumn("id", "bigint")),
            null,
            1 << 20,
            10_000);
    private static final TableCopy LOG =
            new TableCopy(new TableId("public", "log"), 2, false, List.of(), null, 8192, 10);

    private final List<ChunkSpec> readAgain = new ArrayList<>();
    private final ChunkWindows windows = new ChunkWindows("run", true, t -> "topic." + t.table(), readAgain::add);
    private final Map<Long, ChunkSpec> registered = new HashMap<>();

    @Test
    void aChunkGoesOutOnceItsWatermarkPassedFollowedByTheChangesItsSnapshotDoesNotSee() {
        long window = register(chunk(ORDERS, 0, null, List.of("100")));
        windows.onSent(record("topic.orders", "in progress at the snapshot"), 15L);
        windows.snapshotTaken(window, XidSnapshot.parse("10:20:15"));
        windows.onSent(record("topic.orders", "visible"), 12L);
        windows.onSent(record("topic.items", "another table"), 21L);
        windows.read(window, read(window));
        assertTrue(
                windows.ready().isEmpty(),
                "not before its watermark: changes its snapshot sees may still be on their way");
        windows.onSent(record("topic.orders", "committed after the snapshot"), 22L);
        windows.onMark(windows.mark(window));
        List<ChunkWindows.Emission> ready = windows.ready();
        assertEquals(1, ready.size());
        assertTrue(ready.get(0).ended());
        assertEquals(
                List.of("in progress at the snapshot", "committed after the snapshot"),
                ready.get(0).resent().stream().map(r -> (String) r.value()).toList());
        assertTrue(
                ready.get(0).resent().stream().allMatch(r -> r.sourcePartition() == null && r.sourceOffset() == null),
                "records sent again do not move the position a restart resumes from");
        assertTrue(windows.idle());
    }

    @Test
    void aTablesChunksGoOutInKeyOrderWhateverTheOrderOfTheirReads() {
        long first = register(chunk(ORDERS, 0, null, List.of("100")));
        long second = register(chunk(ORDERS, 1, List.of("100"), null));
        windows.snapshotTaken(first, XidSnapshot.parse("10:20:"));
        windows.snapshotTaken(second, XidSnapshot.parse("10:21:"));
        windows.onMark(windows.mark(first));
        windows.onMark(windows.mark(second));
        windows.read(second, read(second));
        assertTrue(windows.ready().isEmpty(), "the second chunk waits for the first");
        windows.onSent(record("topic.orders", "after both snapshots"), 30L);
        windows.read(first, read(first));
        List<ChunkWindows.Emission> ready = windows.ready();
        assertEquals(List.of(0L, 1L), ready.stream().map(e -> e.spec().number()).toList());
        assertEquals(1, ready.get(1).resent().size(), "what came until it went out follows the second chunk too");
    }

    @Test
    void aChunkWhoseSnapshotMissesAChangeSentBeforeItsWindowOpenedIsReadAgain() {
        windows.onSent(record("topic.orders", "decoded, not yet visible"), 18L);
        ChunkSpec spec = chunk(ORDERS, 0, null, null);
        long window = register(spec);
        windows.snapshotTaken(window, XidSnapshot.parse("10:20:18"));
        windows.read(window, read(window));
        windows.onMark(windows.mark(window));
        assertTrue(windows.ready().isEmpty());
        assertEquals(List.of(spec), readAgain);

        long again = register(spec);
        windows.snapshotTaken(again, XidSnapshot.parse("19:22:"));
        windows.read(again, read(again));
        windows.onMark(windows.mark(again));
        assertEquals(1, windows.ready().size());
        assertEquals(0, windows.remembered(), "a later snapshot saw the change: nothing left to check");
    }

    @Test
    void aChangeOfAnotherTableThatTheSnapshotMissesDoesNotMatter() {
        windows.onSent(record("topic.items", "decoded, not yet visible"), 18L);
        long window = register(chunk(ORDERS, 0, null, null));
        windows.snapshotTaken(window, XidSnapshot.parse("10:20:18"));
        windows.read(window, read(window));
        windows.onMark(windows.mark(window));
        assertEquals(1, windows.ready().size());
    }

    @Test
    void aDefinitionChangeInTheWindowThatTheSnapshotMissesSendsTheChunkBackToBeReadWithTheNewColumns() {
        ChunkSpec spec = chunk(ORDERS, 0, null, null);
        long window = register(spec);
        windows.snapshotTaken(window, XidSnapshot.parse("10:20:"));
        windows.read(window, read(window));
        Schema definition =
                SchemaBuilder.struct().name(SchemaChange.SCHEMA_NAME).build();
        windows.onSent(
                new SourceRecord(null, null, "topic.orders", null, null, null, definition, new Struct(definition)),
                30L);
        windows.onMark(windows.mark(window));
        assertTrue(windows.ready().isEmpty());
        assertEquals(List.of(spec), readAgain);
    }

    @Test
    void aTableWithoutAKeyGoesOutPieceByPieceAfterItsWatermarkAndEndsLast() throws Exception {
        long window = register(chunk(LOG, 0, null, null));
        windows.snapshotTaken(window, XidSnapshot.parse("10:20:"));
        assertTrue(windows.piece(window, piece(3), 1 << 20));
        assertTrue(windows.ready().isEmpty(), "no piece before the watermark");
        windows.onMark(windows.mark(window));
        List<ChunkWindows.Emission> first = windows.ready();
        assertEquals(1, first.size());
        assertTrue(first.get(0).first());
        assertFalse(first.get(0).ended());
        windows.onSent(record("topic.log", "after the snapshot"), 25L);
        assertTrue(windows.piece(window, piece(2), 1 << 20));
        windows.read(
                window,
                new ReadChunk(registered.get(window), List.of("a"), List.of(), 5, XidSnapshot.parse("10:20:"), 0));
        List<ChunkWindows.Emission> rest = windows.ready();
        assertEquals(1, rest.size());
        assertFalse(rest.get(0).first());
        assertTrue(rest.get(0).ended());
        assertEquals(1, rest.get(0).pieces().size());
        assertEquals(1, rest.get(0).resent().size());
    }

    @Test
    void watermarksOfAnotherRunAreIgnored() {
        long window = register(chunk(ORDERS, 0, null, null));
        windows.snapshotTaken(window, XidSnapshot.parse("10:20:"));
        windows.read(window, read(window));
        windows.onMark("earlier-run/" + window);
        windows.onMark("");
        assertTrue(windows.ready().isEmpty());
        windows.onMark(windows.mark(window));
        assertEquals(1, windows.ready().size());
    }

    @Test
    void theRestOfARangeCutAtItsRowLimitGoesOutBetweenItAndTheNextChunkAndACutChunkIsReadAgainOnlyUpToTheCut() {
        ChunkSpec wide = new ChunkSpec(ORDERS, 0, new KeyRange(null, List.of("1000")), 2, 1000, 10);
        long first = register(wide);
        long next = register(chunk(ORDERS, 1L << 32, List.of("1000"), null));
        for (long window : new long[] {first, next}) {
            windows.snapshotTaken(window, XidSnapshot.parse("10:20:"));
            windows.onMark(windows.mark(window));
        }
        windows.read(next, read(next));
        ChunkSpec cut = wide.cutAt(List.of("10"));
        long rest = register(wide.restAfter(List.of("10")));
        windows.read(first, new ReadChunk(cut, List.of("id"), List.of(piece(10)), 10, XidSnapshot.parse("10:20:"), 0));
        assertEquals(
                List.of(0L),
                windows.ready().stream().map(e -> e.read().spec().number()).toList(),
                "the next chunk waits for the rest of the cut range");
        windows.snapshotTaken(rest, XidSnapshot.parse("10:20:"));
        windows.onMark(windows.mark(rest));
        windows.read(rest, read(rest));
        List<ChunkWindows.Emission> ready = windows.ready();
        assertEquals(
                List.of(new KeyRange(List.of("10"), List.of("1000")), new KeyRange(List.of("1000"), null)),
                ready.stream().map(e -> e.read().spec().range()).toList());

        long again = register(wide);
        windows.snapshotTaken(again, XidSnapshot.parse("10:20:"));
        windows.read(again, new ReadChunk(cut, List.of("id"), List.of(piece(10)), 10, XidSnapshot.parse("10:20:"), 0));
        windows.failed(again);
        assertEquals(List.of(cut), readAgain, "read again up to the cut, and whole: its rest is a chunk of its own");
    }

    @Test
    void withoutAChangeStreamAChunkGoesOutWhenRead() {
        ChunkWindows full = new ChunkWindows("run", false, t -> "topic." + t.table(), readAgain::add);
        ChunkSpec spec = chunk(ORDERS, 0, null, null);
        long window = full.register(spec);
        full.read(window, new ReadChunk(spec, List.of("a"), List.of(), 0, null, 0));
        assertEquals(1, full.ready().size());
    }

    private static ChunkSpec chunk(TableCopy table, long number, List<String> lower, List<String> upper) {
        return new ChunkSpec(table, number, new KeyRange(lower, upper), 2, 1000, 0);
    }

    private long register(ChunkSpec spec) {
        long window = windows.register(spec);
        registered.put(window, spec);
        return window;
    }

    private ReadChunk read(long window) {
        return new ReadChunk(registered.get(window), List.of("id"), List.of(piece(1)), 1, XidSnapshot.parse("1:1:"), 0);
    }

    private static ReadChunk.Piece piece(long rows) {
        return new ReadChunk.Piece(rows, ChunkText.of("1\n".repeat((int) rows).getBytes()));
    }

    private static SourceRecord record(String topic, String value) {
        return new SourceRecord(
                Map.of("server", "s"), Map.of("lsn", 1L), topic, null, null, null, Schema.STRING_SCHEMA, value);
    }
}
