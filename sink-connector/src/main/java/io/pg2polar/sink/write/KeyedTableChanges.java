package io.pg2polar.sink.write;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pg2polar.sink.catalog.MissingTargetObjectException;
import io.pg2polar.sink.catalog.TargetTable;
import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.event.Operation;
import io.pg2polar.sink.event.RowImage;

/**
 * The changes to one table with a primary key within one transaction, reduced to the final state of each key: the last image to
 * write, or a delete. Applying the reduced batch gives the same table as applying every change in order,
 * because upsert and delete by key are idempotent and each key's changes keep their order. Example: insert
 * k1, update k1, delete k2, insert k2 becomes upsert k1 (updated image) and upsert k2.
 * The original events are kept for the ordered fallback ({@link #events()}).
 *
 * <p>While the table's full load is under way, an update that lacks columns (unchanged TOASTed values) of a row the
 * batch has no whole image of is applied as an update only (design decision 30): the row may not be on the target yet,
 * and its chunk, still to come, brings it whole; an upsert would insert it without those columns.
 */
public final class KeyedTableChanges implements TableChanges {

    private final TargetTable table;
    private final boolean loading;
    private final Map<RowKey, RowImage> finalRows = new LinkedHashMap<>();
    private final Set<RowKey> updateOnly = new HashSet<>();
    private final List<ChangeEvent> events = new ArrayList<>();

    KeyedTableChanges(TargetTable table, boolean loading) {
        if (table.primaryKey().isEmpty()) {
            throw new IllegalArgumentException(table.id() + " has no primary key");
        }
        this.table = table;
        this.loading = loading;
    }

    @Override
    public TargetTable table() {
        return table;
    }

    @Override
    public void add(ChangeEvent event) {
        events.add(event);
        if (event.operation().writesRow()) {
            RowKey key = keyOf(event, event.after());
            RowImage earlier = finalRows.get(key);
            finalRows.put(key, earlier == null ? event.after() : earlier.overlaidWith(event.after()));
            boolean partialUpdate = loading && event.operation() == Operation.UPDATE && !isWhole(event.after());
            if (partialUpdate && (earlier == null || updateOnly.contains(key))) {
                updateOnly.add(key);
            } else if (!partialUpdate) {
                updateOnly.remove(key);
            }
        } else {
            RowImage keySource = event.before();
            if (keySource == null) {
                throw new MissingTargetObjectException("Delete event " + event.position() + " for "
                        + table.id().quoted()
                        + " carries no key values. Set REPLICA IDENTITY on the source table (a primary key, or FULL).");
            }
            RowKey key = keyOf(event, keySource);
            finalRows.put(key, null);
            updateOnly.remove(key);
        }
    }

    /** Keys whose final state is deleted. */
    public List<RowKey> deletedKeys() {
        return finalRows.entrySet().stream()
                .filter(e -> e.getValue() == null)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Final images of keys that exist after the batch and are written whole (insert or update). */
    public List<RowImage> upserts() {
        return finalRows.entrySet().stream()
                .filter(e -> e.getValue() != null && !updateOnly.contains(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
    }

    /** Final images of keys that are only updated where the target has them (see the class comment). */
    public List<RowImage> updatesOnly() {
        return finalRows.entrySet().stream()
                .filter(e -> e.getValue() != null && updateOnly.contains(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
    }

    /** Whether the image has every column the target writes (not generated). */
    private boolean isWhole(RowImage image) {
        return table.columns().stream().allMatch(c -> c.generated() || image.has(c.name()));
    }

    @Override
    public List<ChangeEvent> events() {
        return events;
    }

    /** True when every change is a snapshot read: the rows can be bulk-loaded. */
    public boolean onlySnapshotReads() {
        return events.stream().allMatch(e -> e.operation() == Operation.READ);
    }

    RowKey keyOf(ChangeEvent event, RowImage image) {
        List<String> values = new ArrayList<>(table.primaryKey().size());
        for (String column : table.primaryKey()) {
            if (!image.has(column)) {
                throw new MissingTargetObjectException(
                        "Event " + event.position() + " has no value for primary key column '"
                                + column + "' of target table " + table.id().quoted()
                                + ". The target's primary key must match the"
                                + " source's.");
            }
            values.add(image.get(column));
        }
        return new RowKey(values);
    }
}
