package io.pg2polar.source.copy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pg2polar.common.sql.TableId;

/**
 * How far the full load got, in Connect's source offsets, under partitions of its own beside Debezium's (whose offsets
 * stay as Debezium writes them): one for the load ({@code {..., pg2polar: full-load}}: the WAL position it streams
 * from, the tables it loads and every table the migration captured when they were planned, to tell tables added to
 * the selection since) and one per table ({@code {..., pg2polar.table: ["schema","table"]}}: which load of it, the
 * upper key of its last chunk sent, chunks and rows sent, whether it is done). Offsets hold primitives only, so lists
 * are JSON text.
 */
final class LoadOffsets {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOAD_KEY = "pg2polar";
    private static final String TABLE_KEY = "pg2polar.table";

    /** The load as it was planned: where the stream starts, every table it loads and every table then captured. */
    record Load(long streamFrom, List<TableId> tables, List<TableId> captured) {}

    /**
     * Where one table's load stands.
     *
     * @param load which load of the table: the WAL position it began at (the slot's for the first)
     */
    record Table(long load, List<String> upper, long chunks, long rows, boolean done) {

        /** A load of the table that has sent nothing yet. */
        static Table begins(long load) {
            return new Table(load, null, 0, 0, false);
        }
    }

    private final Map<String, Object> debeziumPartition;

    /** @param debeziumPartition Debezium's source partition, which ours extend */
    LoadOffsets(Map<String, ?> debeziumPartition) {
        this.debeziumPartition = Map.copyOf(debeziumPartition);
    }

    Map<String, Object> loadPartition() {
        Map<String, Object> partition = new HashMap<>(debeziumPartition);
        partition.put(LOAD_KEY, "full-load");
        return partition;
    }

    Map<String, Object> tablePartition(TableId table) {
        Map<String, Object> partition = new HashMap<>(debeziumPartition);
        partition.put(TABLE_KEY, json(List.of(table.schema(), table.table())));
        return partition;
    }

    static Map<String, Object> encode(Load load) {
        return Map.of(
                "stream_from",
                load.streamFrom(),
                "tables",
                names(load.tables()),
                "captured",
                names(load.captured()),
                "version",
                1);
    }

    /** @return null for no stored offset */
    static Load decodeLoad(Map<String, Object> offset) {
        if (offset == null || offset.get("tables") == null) {
            return null;
        }
        List<TableId> tables = tables((String) offset.get("tables"));
        Object captured = offset.get("captured");
        return new Load(
                ((Number) offset.get("stream_from")).longValue(),
                tables,
                captured == null ? tables : tables((String) captured));
    }

    private static String names(List<TableId> tables) {
        List<List<String>> names = new ArrayList<>();
        tables.forEach(t -> names.add(List.of(t.schema(), t.table())));
        return json(names);
    }

    private static List<TableId> tables(String names) {
        List<List<String>> parsed = parse(names, new TypeReference<>() {});
        return parsed.stream().map(n -> new TableId(n.get(0), n.get(1))).toList();
    }

    static Map<String, Object> encode(Table table) {
        Map<String, Object> offset = new HashMap<>();
        offset.put("load", table.load());
        offset.put("upper", table.upper() == null ? null : json(table.upper()));
        offset.put("chunks", table.chunks());
        offset.put("rows", table.rows());
        offset.put("done", table.done());
        return offset;
    }

    /** @return the table's load from {@code streamFrom}, nothing sent yet, when no offset is stored */
    static Table decodeTable(Map<String, Object> offset, long streamFrom) {
        if (offset == null) {
            return Table.begins(streamFrom);
        }
        String upper = (String) offset.get("upper");
        Object load = offset.get("load");
        return new Table(
                load == null ? streamFrom : ((Number) load).longValue(),
                upper == null ? null : parse(upper, new TypeReference<List<String>>() {}),
                ((Number) offset.get("chunks")).longValue(),
                ((Number) offset.get("rows")).longValue(),
                Boolean.TRUE.equals(offset.get("done")));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T parse(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored full-load offset is not what this version wrote: " + text, e);
        }
    }
}
