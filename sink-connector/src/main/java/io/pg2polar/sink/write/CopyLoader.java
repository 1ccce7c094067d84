package io.pg2polar.sink.write;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;

import org.postgresql.PGConnection;

import io.pg2polar.common.control.CopyText;
import io.pg2polar.sink.event.RowImage;

/**
 * Bulk-loads rows with {@code COPY ... FROM STDIN} (text format). The rows are already PostgreSQL text, so
 * COPY only needs its own escaping; the text is streamed, never built whole in memory.
 */
final class CopyLoader {

    private CopyLoader() {
    }

    static long copy(Connection connection, String copySql, List<String> columns, List<RowImage> rows) throws SQLException {
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, new CopyTextReader(columns, rows.iterator()));
        }
        catch (IOException e) {
            throw new SQLException("COPY failed while streaming rows: " + e.getMessage(), "08006", e);
        }
    }

    /** Loads text already in COPY format, as the source's COPY wrote it. */
    static long copy(Connection connection, String copySql, byte[] copyText) throws SQLException {
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, new java.io.ByteArrayInputStream(copyText));
        }
        catch (IOException e) {
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
