package io.pg2polar.common.sequence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Reads the sequences of given schemas on the source, with their last values ({@code pg_sequences}). */
public final class SequenceReader {

    private static final String SEQUENCES = """
            SELECT schemaname, sequencename, data_type::text, start_value, increment_by, min_value, max_value, cache_size, cycle, last_value
            FROM pg_catalog.pg_sequences WHERE schemaname = ANY (?) ORDER BY 1, 2""";

    private SequenceReader() {}

    public static List<SequenceValue> read(Connection connection, Collection<String> schemas) throws SQLException {
        List<SequenceValue> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SEQUENCES)) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long last = rs.getLong(10);
                    // NULL: never called (or not readable by this account); asked right after column 10, not after
                    // another
                    Long lastValue = rs.wasNull() ? null : last;
                    values.add(new SequenceValue(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getLong(4),
                            rs.getLong(5),
                            rs.getLong(6),
                            rs.getLong(7),
                            rs.getLong(8),
                            rs.getBoolean(9),
                            lastValue));
                }
            }
        }
        return values;
    }
}
