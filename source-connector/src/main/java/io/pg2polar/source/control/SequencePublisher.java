package io.pg2polar.source.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.connector.postgresql.PostgresConnectorConfig;

import io.pg2polar.common.control.ControlEvents;
import io.pg2polar.common.control.SequenceState;
import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.sequence.SequenceReader;
import io.pg2polar.source.schema.CapturedTables;

/**
 * Continuous sequence resync: at a fixed interval, the position of every sequence in the schemas the migration
 * covers (owned, identity and standalone ones) goes to {@code <prefix>.pg2polar.sequences}, and the sink moves
 * the target's sequences up to it. A failed read is logged and tried again at the next interval; it never stops
 * the rows.
 */
public final class SequencePublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SequencePublisher.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final PgEndpoint endpoint;
    private final PostgresConnectorConfig config;
    private final Duration interval;
    private final Clock clock;
    private final String topic;
    private Instant next;
    private Connection connection;

    public SequencePublisher(PgEndpoint endpoint, PostgresConnectorConfig config, Duration interval, Clock clock) {
        this.endpoint = endpoint;
        this.config = config;
        this.interval = interval;
        this.clock = clock;
        this.topic = config.getLogicalName() + '.' + SequenceState.TOPIC_SUFFIX;
        this.next = clock.instant();
    }

    /** The sequence positions when the interval has passed, else nothing. */
    public Optional<SourceRecord> poll() {
        Instant now = clock.instant();
        if (now.isBefore(next)) {
            return Optional.empty();
        }
        next = now.plus(interval);
        try {
            if (connection == null || connection.isClosed()) {
                connection = endpoint.connect("pg2polar-sequences", TIMEOUT, TIMEOUT);
            }
            TreeSet<String> schemas = new TreeSet<>();
            CapturedTables.list(connection, config).keySet().forEach(table -> schemas.add(table.schema()));
            SequenceState state = new SequenceState(SequenceReader.read(connection, schemas), now.toEpochMilli());
            ConnectHeaders headers = new ConnectHeaders();
            headers.addString(ControlEvents.HEADER, "sequence-state");
            return Optional.of(new SourceRecord(
                    null,
                    null,
                    topic,
                    null,
                    null,
                    null,
                    SequenceState.VALUE_SCHEMA,
                    state.toStruct(),
                    now.toEpochMilli(),
                    headers));
        } catch (SQLException e) {
            LOG.warn(
                    "Could not read the source's sequences ({}); trying again in {} s",
                    e.getMessage(),
                    interval.toSeconds());
            close();
            return Optional.empty();
        }
    }

    /** The records of a poll with the sequence positions appended when due. */
    public List<SourceRecord> appendTo(List<SourceRecord> records) {
        Optional<SourceRecord> state = poll();
        if (state.isEmpty()) {
            return records;
        }
        List<SourceRecord> all = new java.util.ArrayList<>(records == null ? List.of() : records);
        all.add(state.get());
        return all;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // reconnects at the next interval
            }
            connection = null;
        }
    }
}
