package io.pg2polar.sink.write;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.catalog.MissingTargetObjectException;
import io.pg2polar.sink.catalog.TargetColumn;
import io.pg2polar.sink.catalog.TargetTable;
import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.event.Operation;
import io.pg2polar.sink.event.RowImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KeyedTableChangesTest {

    private static final TableId ID = new TableId("public", "t");
    private static final TargetTable TABLE = new TargetTable(
            ID,
            List.of(
                    new TargetColumn("id", "bigint", false, false),
                    new TargetColumn("v", "text", false, false),
                    new TargetColumn("doc", "jsonb", false, false)),
            List.of("id"));

    @Test
    void keepsOnlyTheFinalStateOfEachKey() {
        KeyedTableChanges batch = new KeyedTableChanges(TABLE, false);
        batch.add(write(Operation.CREATE, row("1", "a", "{}")));
        batch.add(write(Operation.UPDATE, row("1", "b", "{}")));
        batch.add(delete("2"));
        batch.add(write(Operation.CREATE, row("2", "c", "[]")));
        batch.add(write(Operation.READ, row("3", "d", null)));
        batch.add(delete("3"));

        assertEquals(List.of(new RowKey(List.of("3"))), batch.deletedKeys());
        assertEquals(
                List.of("{id=1, v=b, doc={}}", "{id=2, v=c, doc=[]}"),
                batch.upserts().stream().map(RowImage::toString).toList());
        assertEquals(6, batch.events().size());
    }

    @Test
    void partialUpdateIsLaidOverTheEarlierFullRow() {
        KeyedTableChanges batch = new KeyedTableChanges(TABLE, false);
        batch.add(write(Operation.CREATE, row("1", "a", "{\"big\": 1}")));
        Map<String, String> withoutToast = new LinkedHashMap<>();
        withoutToast.put("id", "1");
        withoutToast.put("v", "changed");
        batch.add(write(Operation.UPDATE, new RowImage(withoutToast)));

        assertEquals(
                "{id=1, v=changed, doc={\"big\": 1}}", batch.upserts().get(0).toString());
    }

    @Test
    void whileTheTableLoadsAPartialUpdateOfARowTheBatchHasNotSeenWholeOnlyUpdates() {
        KeyedTableChanges batch = new KeyedTableChanges(TABLE, true);
        Map<String, String> withoutToast = new LinkedHashMap<>();
        withoutToast.put("id", "1");
        withoutToast.put("v", "changed");
        batch.add(write(Operation.UPDATE, new RowImage(withoutToast)));
        batch.add(write(Operation.UPDATE, row("2", "whole", "{}")));
        batch.add(write(Operation.CREATE, row("3", "inserted", "{}")));
        withoutToast.put("id", "3");
        batch.add(write(Operation.UPDATE, new RowImage(withoutToast)));

        assertEquals(
                List.of("{id=1, v=changed}"),
                batch.updatesOnly().stream().map(RowImage::toString).toList(),
                "its chunk, still to come, brings the row whole; an upsert would insert it without doc");
        assertEquals(
                List.of("{id=2, v=whole, doc={}}", "{id=3, v=changed, doc={}}"),
                batch.upserts().stream().map(RowImage::toString).toList());
    }

    @Test
    void tablesWithoutPrimaryKeyKeepEveryChangeInOrder() {
        TargetTable keyless = new TargetTable(ID, TABLE.columns(), List.of());
        TableChanges changes = TableChanges.forTable(keyless);
        changes.add(write(Operation.CREATE, row("1", "a", null)));
        changes.add(write(Operation.CREATE, row("1", "a", null)));
        assertEquals(2, changes.events().size());
        assertThrows(
                MissingTargetObjectException.class,
                () -> changes.add(new ChangeEvent(ID, Operation.DELETE, null, null, record())),
                "a delete without an old image cannot find its row");
    }

    private static RowImage row(String id, String v, String doc) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("v", v);
        values.put("doc", doc);
        return new RowImage(values);
    }

    private static ChangeEvent write(Operation operation, RowImage after) {
        return new ChangeEvent(ID, operation, null, after, record());
    }

    private static ChangeEvent delete(String id) {
        return new ChangeEvent(ID, Operation.DELETE, new RowImage(Map.of("id", id)), null, record());
    }

    private static SinkRecord record() {
        return new SinkRecord("topic", 0, null, null, null, null, 0);
    }
}
