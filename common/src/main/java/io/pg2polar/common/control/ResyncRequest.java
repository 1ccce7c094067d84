package io.pg2polar.common.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pg2polar.common.sql.TableId;

/**
 * A request to load some tables again while changes stream ({@code POST /pg2polar/migrations/{name}/resync}): a row
 * written into {@code pg2polar.load_marks} (reader {@value #READER}), so the source task meets it in the change stream
 * in commit order and begins the tables' new full load exactly there.
 */
public record ResyncRequest(List<TableId> tables) {

    /** The reader number the requests are written under: readers of the full load count from 0. */
    public static final int READER = -1;

    private static final String PREFIX = "resync ";
    private static final ObjectMapper JSON = new ObjectMapper();

    public ResyncRequest {
        tables = List.copyOf(tables);
    }

    /** Writes the request for the migration reading from {@code slot}; the connection must be in auto-commit mode. */
    public void write(Connection connection, String slot) throws SQLException {
        LoadMarks.write(connection, slot, READER, mark());
    }

    /** The mark text: {@code resync [["schema","table"], ...]}. */
    public String mark() {
        List<List<String>> names = new ArrayList<>();
        tables.forEach(t -> names.add(List.of(t.schema(), t.table())));
        try {
            return PREFIX + JSON.writeValueAsString(names);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request a mark holds, or empty when the mark is another kind (a chunk's watermark). */
    public static Optional<ResyncRequest> parse(String mark) {
        if (mark == null || !mark.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            List<List<String>> names = JSON.readValue(mark.substring(PREFIX.length()), new TypeReference<>() {});
            return Optional.of(new ResyncRequest(
                    names.stream().map(n -> new TableId(n.get(0), n.get(1))).toList()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a resync request: " + mark, e);
        }
    }
}
