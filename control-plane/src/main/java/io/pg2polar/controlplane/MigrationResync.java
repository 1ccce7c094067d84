package io.pg2polar.controlplane;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pg2polar.common.control.ResyncRequest;
import io.pg2polar.common.sql.TableId;

/**
 * Loads tables of a running migration again while changes keep streaming (design decision 30): checks that each table
 * is one the migration captures and writes a {@link ResyncRequest} on the source, which the source task meets in the
 * change stream and begins the tables' new full loads at (the sink empties them there). The answer comes before the
 * load: the status shows each table back in phase {@code full-load}, with its chunks, until it is done.
 */
final class MigrationResync {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MigrationResync() {}

    /**
     * @param body {@code {"tables": ["schema.table", ...]}}
     * @return the accepted request, or an answer naming what is wrong ({@link IllegalArgumentException})
     */
    static ObjectNode request(Migration migration, String body) throws SQLException {
        if (!migration.source().streams()) {
            throw new IllegalArgumentException(
                    "Migration " + migration.name() + " does not stream changes (migration.type=full): start a new"
                            + " migration to load tables again");
        }
        List<String> names = names(body);
        try (Connection source = migration.connectSource()) {
            List<TableId> captured = migration.tables(source);
            List<TableId> tables = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String name : names) {
                captured.stream()
                        .filter(t -> (t.schema() + '.' + t.table()).equals(name))
                        .findFirst()
                        .ifPresentOrElse(tables::add, () -> unknown.add(name));
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(
                        "Migration " + migration.name() + " does not capture " + unknown + "; it captures "
                                + captured.stream().map(TableId::toString).toList()
                                + " (add a table to table.include.list, and the migration loads it"
                                + " when the source task restarts)");
            }
            source.setAutoCommit(true);
            try {
                new ResyncRequest(tables).write(source, migration.slotName());
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "Could not write the resync request into pg2polar.load_marks on the source (" + e.getMessage()
                                + "): the source task creates that table when it starts with snapshot.transport=copy",
                        e);
            }
            ObjectNode answer = JSON.createObjectNode();
            tables.forEach(t -> answer.withArray("tables").add(t.toString()));
            answer.put(
                    "message",
                    "The tables load again from here while changes stream; GET /pg2polar/migrations/" + migration.name()
                            + " shows their chunks");
            return answer;
        }
    }

    private static List<String> names(String body) {
        JsonNode tables;
        try {
            tables = body == null || body.isBlank() ? null : JSON.readTree(body).get("tables");
        } catch (java.io.IOException e) {
            tables = null;
        }
        if (tables == null || !tables.isArray() || tables.isEmpty()) {
            throw new IllegalArgumentException(
                    "Send the tables to load again as {\"tables\": [\"schema.table\", ...]}");
        }
        List<String> names = new ArrayList<>();
        tables.forEach(t -> names.add(t.asText()));
        return names;
    }
}
