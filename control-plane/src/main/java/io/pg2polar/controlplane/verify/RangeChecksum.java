package io.pg2polar.controlplane.verify;

import java.sql.ResultSet;
import java.sql.SQLException;

/** A row count and a checksum of rows, computed in the database; equal data on both sides gives equal checksums. */
record RangeChecksum(long rows, String md5) {

    /** Reads one range's checksum on one side. */
    static RangeChecksum read(TableSessions sessions, Side side, SqlQuery query) throws SQLException {
        return sessions.connection(side).queryOne(query, RangeChecksum::from);
    }

    private static RangeChecksum from(ResultSet rs) throws SQLException {
        return new RangeChecksum(rs.getLong(1), rs.getString(2));
    }
}
