package io.pg2polar.sink.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pg2polar.sink.catalog.MissingTargetObjectException;
import io.pg2polar.sink.catalog.TargetTable;
import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.event.RowImage;

/**
 * The changes to one table within one flush, reduced to the final state of each key: the last image to
 * write, or a delete. Applying the reduced batch gives the same table as applying every change in order,
 * because upsert and delete by key are idempotent and each key's changes keep their order. Example: insert
 * k1, update k1, delete k2, insert k2 becomes upsert k1 (updated image) and upsert k2.
 * The original events are kept for the ordered fallback ({@link #events()}).
 */
public final class TableBatch {

    private final TargetTable table;
    private final Map<RowKey, RowImage> finalRows = new LinkedHashMap<>();
    private final List<ChangeEvent> events = new ArrayList<>();

    public TableBatch(TargetTable table) {
        this.table = table;
        if (table.primaryKey().isEmpty()) {
            throw new MissingTargetObjectException("Target table " + table.id().quoted() + " has no primary key, so rows cannot be"
                    + " matched by key. Add the source table's primary key on the target.");
        }
    }

    public TargetTable table() {
        return table;
    }

    public void add(ChangeEvent event) {
        events.add(event);
        if (event.operation().writesRow()) {
            RowKey key = keyOf(event, event.after());
            RowImage earlier = finalRows.get(key);
            finalRows.put(key, earlier == null ? event.after() : earlier.overlaidWith(event.after()));
        }
        else {
            RowImage keySource = event.before();
            if (keySource == null) {
                throw new MissingTargetObjectException("Delete event " + event.position() + " for " + table.id().quoted()
                        + " carries no key values. Set REPLICA IDENTITY on the source table (a primary key, or FULL).");
            }
            finalRows.put(keyOf(event, keySource), null);
        }
    }

    /** Keys whose final state is deleted. */
    public List<RowKey> deletedKeys() {
        return finalRows.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
    }

    /** Final images of keys that exist after the batch. */
    public List<RowImage> upserts() {
        return finalRows.values().stream().filter(r -> r != null).toList();
    }

    /** Every event in arrival order. */
    public List<ChangeEvent> events() {
        return events;
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    RowKey keyOf(ChangeEvent event, RowImage image) {
        List<String> values = new ArrayList<>(table.primaryKey().size());
        for (String column : table.primaryKey()) {
            if (!image.has(column)) {
                throw new MissingTargetObjectException("Event " + event.position() + " has no value for primary key column '"
                        + column + "' of target table " + table.id().quoted() + ". The target's primary key must match the"
                        + " source's.");
            }
            values.add(image.get(column));
        }
        return new RowKey(values);
    }
}
