package io.pg2polar.common.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * Reads {@code pg2polar.applied_offsets} on the target: per topic partition, the next Kafka offset a sink connector
 * applies, which the sink writes in the transaction that applies the rows before it.
 */
public final class AppliedOffsetsReader {

    public static final String TABLE = "pg2polar.applied_offsets";

    private AppliedOffsetsReader() {}

    /** Every partition's next offset the sink connector has recorded. */
    public static Map<TopicPartition, Long> all(Connection target, String sinkConnector) throws SQLException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (PreparedStatement statement = target.prepareStatement(
                "SELECT topic, kafka_partition, next_offset FROM pg2polar.applied_offsets WHERE connector = ?")) {
            statement.setString(1, sinkConnector);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    offsets.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                }
            }
        }
        return offsets;
    }
}
