package io.pg2polar.source.copy;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import io.debezium.relational.Tables.ColumnNameFilter;

import io.pg2polar.common.control.ChunkText;
import io.pg2polar.common.control.LoadMarks;
import io.pg2polar.common.jdbc.PgEndpoint;

/**
 * Reads chunks on a session of its own, each in its own short transaction (design decision 30): {@code REPEATABLE READ},
 * the table locked before the snapshot is taken (DDL and TRUNCATE, which are not MVCC-safe, cannot come between), the
 * snapshot reported, the columns read under the lock, a watermark written and committed on a second session (every
 * change the snapshot sees committed before it), then the range copied with {@code COPY ... TO STDOUT} and cut into
 * pieces of whole lines, handed over as they are read for a table without a key (read whole), at the end otherwise.
 */
final class ChunkReader implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** The settings pg_dump uses, so the text is what the target's COPY FROM reads back exactly. */
    private static final String SESSION_SETTINGS =
            "SET DateStyle = ISO; SET IntervalStyle = postgres; SET extra_float_digits = 3;"
                    + " SET bytea_output = hex";
    /** SQLSTATE undefined_table: the table was dropped since the load was planned. */
    private static final String UNDEFINED_TABLE = "42P01";

    private final Connection connection;
    /** Writes the watermarks, outside the reading transaction; null without a change stream. */
    private final Connection marks;

    private final int reader;
    private final String slot;
    private final ChunkWindows windows;
    private final SnapshotOrder snapshots;
    private final ColumnNameFilter columnFilter;
    private final int pieceBytes;
    private final Clock clock;
    /** Takes the rest of a range cut short at its row limit, before the cut chunk is reported, so it is sent after it. */
    private final Consumer<ChunkSpec> rest;

    /** @param slot the migration's slot, which names its watermark rows; null without a change stream (no watermarks) */
    ChunkReader(
            PgEndpoint endpoint,
            int reader,
            String slot,
            ChunkWindows windows,
            SnapshotOrder snapshots,
            ColumnNameFilter columnFilter,
            int pieceBytes,
            Clock clock,
            Consumer<ChunkSpec> rest)
            throws SQLException {
        this.connection = endpoint.connect("pg2polar-full-load", CONNECT_TIMEOUT, Duration.ZERO);
        this.marks =
                slot == null ? null : endpoint.connect("pg2polar-full-load-marks", CONNECT_TIMEOUT, CONNECT_TIMEOUT);
        this.reader = reader;
        this.slot = slot;
        this.windows = windows;
        this.snapshots = snapshots;
        this.columnFilter = columnFilter;
        this.pieceBytes = pieceBytes;
        this.clock = clock;
        this.rest = rest;
        try (Statement statement = connection.createStatement()) {
            statement.execute(SESSION_SETTINGS);
        }
    }

    /** The session, for the planner's samples between chunks (auto-commit). */
    Connection connection() {
        return connection;
    }

    /** Takes a snapshot only to tell the windows what is visible now. */
    void probe() throws SQLException {
        snapshots.take(connection, -1);
    }

    /**
     * Reads one chunk registered as {@code window}; the windows learn its snapshot and rows.
     *
     * @return the chunk as read: open-ended and empty when the table is gone; null when the windows stopped taking its
     *         pieces (it was handed back)
     */
    ReadChunk read(ChunkSpec spec, long window) throws SQLException, InterruptedException {
        long started = clock.millis();
        ReadChunk chunk;
        connection.setAutoCommit(false);
        try {
            chunk = readInTransaction(spec, window, started);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            if (!UNDEFINED_TABLE.equals(e instanceof SQLException s ? s.getSQLState() : null)) {
                throw e;
            }
            // dropped since the load was planned: nothing (more) to copy; its DDL event has told the sink
            chunk = new ReadChunk(
                    new ChunkSpec(
                            spec.table(),
                            spec.number(),
                            new KeyRange(spec.range().lower(), null),
                            spec.chunksEstimate(),
                            0,
                            0),
                    List.of(),
                    List.of(),
                    0,
                    null,
                    started);
            if (marks != null) {
                LoadMarks.write(marks, slot, reader, windows.mark(window));
            }
        } finally {
            connection.setAutoCommit(true);
        }
        if (chunk != null && spec.rowLimit() > 0 && chunk.spec() != spec && chunk.rows() == spec.rowLimit()) {
            rest.accept(spec.restAfter(chunk.spec().range().upper()));
        }
        if (chunk != null) {
            windows.read(window, chunk);
        }
        return chunk;
    }

    private ReadChunk readInTransaction(ChunkSpec spec, long window, long started)
            throws SQLException, InterruptedException {
        TableCopy table = spec.table();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            statement.execute("SET LOCAL lock_timeout = '60s'");
            // before any snapshot is taken: what commits after the snapshot cannot change the table's definition
            statement.execute("LOCK TABLE " + table.from() + " IN ACCESS SHARE MODE");
        }
        XidSnapshot snapshot = snapshots.take(connection, window);
        List<String> columns = table.columns(connection, columnFilter);
        windows.columns(window, columns);
        if (marks != null) {
            // committed after the snapshot: every change the snapshot sees comes before it in the stream
            LoadMarks.write(marks, slot, reader, windows.mark(window));
        }
        List<ReadChunk.Piece> pieces = new ArrayList<>();
        long[] rows = new long[1];
        // a range the sample cut too wide stops at its row limit: what a reader holds, and reads again after a kill,
        // stays small
        CopyLineKey keyOfLine = spec.rowLimit() > 0
                ? CopyLineKey.of(
                        columns, table.key().stream().map(k -> k.name()).toList())
                : null;
        long rowLimit = keyOfLine == null ? 0 : spec.rowLimit();
        byte[][] lastLine = new byte[1][];
        PieceSink sink = table.keyed()
                ? pieces::add
                : piece -> {
                    if (!windows.piece(window, piece, 4L * pieceBytes)) {
                        throw new HandedBack();
                    }
                };
        if (!columns.isEmpty()
                && !copy(
                        table.copyOut(columns, spec.range(), rowLimit),
                        piece -> {
                            rows[0] += piece.rows();
                            sink.accept(piece);
                        },
                        line -> lastLine[0] = line)) {
            return null;
        }
        List<String> lastKey = rowLimit > 0 && rows[0] == rowLimit ? keyOfLine.of(lastLine[0]) : null;
        ChunkSpec read = lastKey == null || lastKey.equals(spec.range().upper()) ? spec : spec.cutAt(lastKey);
        return new ReadChunk(read, columns, pieces, rows[0], slot == null ? null : snapshot, started);
    }

    /** Where a piece goes as soon as it is cut. */
    @FunctionalInterface
    private interface PieceSink {
        void accept(ReadChunk.Piece piece) throws InterruptedException;
    }

    /** The windows took no more pieces of the chunk: it was handed back, or the load is closing. */
    private static final class HandedBack extends RuntimeException {
        HandedBack() {
            super(null, null, false, false);
        }
    }

    /** @return false when the pieces were no longer taken: the COPY was cancelled */
    private boolean copy(String copyOut, PieceSink sink, Consumer<byte[]> lastLine)
            throws SQLException, InterruptedException {
        CopyOut out = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copyOut);
        ByteArrayOutputStream text = new ByteArrayOutputStream(pieceBytes + 1024);
        long rows = 0;
        try {
            byte[] line;
            byte[] previous = null;
            while ((line = out.readFromCopy()) != null) {
                previous = line;
                if (text.size() > 0 && text.size() + line.length > pieceBytes) {
                    // compressed here, on the reading thread, not in the task's poll
                    sink.accept(new ReadChunk.Piece(rows, ChunkText.of(text.toByteArray())));
                    text.reset();
                    rows = 0;
                }
                text.writeBytes(line);
                rows++;
            }
            if (rows > 0) {
                sink.accept(new ReadChunk.Piece(rows, ChunkText.of(text.toByteArray())));
            }
            if (previous != null) {
                lastLine.accept(previous);
            }
            return true;
        } catch (HandedBack e) {
            return false;
        } finally {
            if (out.isActive()) {
                out.cancelCopy();
            }
        }
    }

    @Override
    public void close() {
        for (Connection session : new Connection[] {connection, marks}) {
            try {
                if (session != null) {
                    session.close();
                }
            } catch (SQLException e) {
                // the session is going anyway
            }
        }
    }
}
