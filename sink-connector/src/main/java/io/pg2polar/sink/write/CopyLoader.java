package io.pg2polar.sink.write;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;

import org.postgresql.PGConnection;

import io.pg2polar.common.control.ChunkText;
import io.pg2polar.common.control.CopyText;
import io.pg2polar.sink.event.RowImage;

/**
 * Bulk-loads rows with {@code COPY ... FROM STDIN} (text format). The rows are already PostgreSQL text, so
 * COPY only needs its own escaping; the text is streamed, never built whole in memory.
 */
final class CopyLoader {

    private CopyLoader() {}

    static long copy(Connection connection, String copySql, List<String> columns, List<RowImage> rows)
            throws SQLException {
        try {
            return connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(copySql, new CopyTextReader(columns, rows.iterator()));
        } catch (IOException e) {
            throw new SQLException("COPY failed while streaming rows: " + e.getMessage(), "08006", e);
        }
    }

    /**
     * Loads texts already in COPY format, as the source's COPY wrote them, one after the other in one COPY: each is
     * decompressed when the previous one has been sent, so only one is held whole at a time.
     */
    static long copy(Connection connection, String copySql, List<ChunkText> texts) throws SQLException {
        Iterator<ChunkText> next = texts.iterator();
        InputStream in = new SequenceInputStream(new Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return next.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return new ByteArrayInputStream(next.next().text());
            }
        });
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, in);
        } catch (IOException e) {
            throw new SQLException("COPY failed while streaming rows: " + e.getMessage(), "08006", e);
        }
    }

    /** Produces COPY text one row at a time. */
    private static final class CopyTextReader extends Reader {
        private final List<String> columns;
        private final Iterator<RowImage> rows;
        private final StringBuilder line = new StringBuilder(256);
        private int position;

        CopyTextReader(List<String> columns, Iterator<RowImage> rows) {
            this.columns = columns;
            this.rows = rows;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (position == line.length()) {
                if (!rows.hasNext()) {
                    return -1;
                }
                nextLine(rows.next());
            }
            int count = Math.min(length, line.length() - position);
            line.getChars(position, position + count, buffer, offset);
            position += count;
            return count;
        }

        private void nextLine(RowImage row) {
            line.setLength(0);
            position = 0;
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    line.append('\t');
                }
                CopyText.appendEscaped(line, row.get(columns.get(i)));
            }
            line.append('\n');
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
