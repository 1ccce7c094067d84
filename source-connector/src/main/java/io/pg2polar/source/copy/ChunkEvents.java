package io.pg2polar.source.copy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.control.ChunkText;
import io.pg2polar.common.control.CopyChunk;
import io.pg2polar.common.control.RowEvents;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.source.control.ControlRecords;

/**
 * Turns the full load's chunks into copy-chunk records and keeps where each table's load stands: the record that ends a
 * chunk carries its table's new progress as its source offset ({@link LoadOffsets}), so the progress commits with the
 * chunk. Numbers the records of a chunk ({@code sequence}: the chunk's number in the high bits, the record's in the low).
 */
final class ChunkEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkEvents.class);
    private static final ChunkText EMPTY = ChunkText.of(new byte[0]);

    /** Where one table's load stands, and records of its current chunk sent so far. */
    private static final class Progress {
        LoadOffsets.Table sent;
        int records;

        Progress(LoadOffsets.Table sent) {
            this.sent = sent;
        }
    }

    private final ControlRecords records;
    private final LoadOffsets offsets;
    private final Clock clock;
    private final Map<TableId, Progress> tables = new HashMap<>();
    /** Each table's rows as change events, which its chunks carry for other consumers. */
    private final Map<TableId, RowEvents> rowEvents = new HashMap<>();

    private long rowsSent;
    private int tablesLeft;

    ChunkEvents(ControlRecords records, LoadOffsets offsets, Clock clock) {
        this.records = records;
        this.offsets = offsets;
        this.clock = clock;
    }

    /** A table to load, from where its load stands. */
    void track(TableId table, LoadOffsets.Table state) {
        Progress earlier = tables.put(table, new Progress(state));
        if (earlier == null || earlier.sent.done()) {
            tablesLeft++;
        }
    }

    /** How the tables' rows read as change events, from now on. */
    void describe(Map<TableId, RowEvents> described) {
        rowEvents.putAll(described);
    }

    /** Whether the table's load has chunks still to send. */
    boolean isLoading(TableId table) {
        Progress progress = tables.get(table);
        return progress != null && !progress.sent.done();
    }

    int tablesLeft() {
        return tablesLeft;
    }

    /** The marker that tells the sink a table's load begins: rows it holds of an earlier load go. */
    SourceRecord begins(TableCopy table, long load, long chunks, Map<String, ?> partition, Map<String, ?> offset) {
        CopyChunk marker = new CopyChunk(
                table.table(),
                List.of(),
                load,
                0,
                0,
                EMPTY,
                false,
                false,
                clock.millis(),
                new CopyChunk.LoadStep(0, chunks, false, true, false),
                rowEvents.get(table.table()));
        return records.copyChunk(marker, partition, offset);
    }

    /** What goes out of a chunk now; its last record, at the chunk's end, carries its table's new progress. */
    List<SourceRecord> chunk(ChunkWindows.Emission emission, long startedMillis) {
        ChunkSpec spec = emission.ended() ? emission.read().spec() : emission.spec();
        Progress table = tables.get(spec.table().table());
        boolean lastChunk = spec.range().isLast();
        // the chunks go out in order: this one's number is how many of the table's load went before it
        long number = table.sent.chunks();
        if (emission.ended()) {
            // the chunk as read: a table dropped meanwhile ends with an empty, open-ended chunk
            long rows = emission.read().rows();
            table.sent = new LoadOffsets.Table(
                    table.sent.load(), spec.range().upper(), number + 1, table.sent.rows() + rows, lastChunk);
            rowsSent += rows;
            if (lastChunk) {
                tablesLeft--;
                LOG.info(
                        "Full load of {} sent: {} rows in {} chunks",
                        spec.table().table(),
                        table.sent.rows(),
                        table.sent.chunks());
                if (tablesLeft == 0) {
                    LOG.info("Full load sent {} rows in {} s", rowsSent, (clock.millis() - startedMillis) / 1000);
                }
            }
        }
        List<ReadChunk.Piece> pieces = emission.pieces();
        if (pieces.isEmpty() && (emission.ended() || emission.first())) {
            pieces = List.of(new ReadChunk.Piece(0, EMPTY));
        }
        long chunks = lastChunk ? number + 1 : Math.max(spec.chunksEstimate(), number + 2);
        List<String> columns = emission.columns() == null ? List.of() : emission.columns();
        List<SourceRecord> out = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            boolean end = emission.ended() && i == pieces.size() - 1;
            boolean replaces = !spec.table().keyed() && emission.first() && i == 0;
            ReadChunk.Piece piece = pieces.get(i);
            CopyChunk copy = new CopyChunk(
                    spec.table().table(),
                    columns,
                    table.sent.load(),
                    ((number + 1) << 20) | table.records++,
                    piece.rows(),
                    piece.text(),
                    lastChunk && end,
                    lastChunk && end && tablesLeft == 0,
                    clock.millis(),
                    new CopyChunk.LoadStep(number, chunks, end, false, replaces),
                    rowEvents.get(spec.table().table()));
            out.add(
                    end
                            ? records.copyChunk(
                                    copy, offsets.tablePartition(spec.table().table()), LoadOffsets.encode(table.sent))
                            : records.copyChunk(copy, null, null));
        }
        if (emission.ended()) {
            table.records = 0;
        }
        return out;
    }
}
