package io.pg2polar.sink.write;

import java.util.ArrayList;
import java.util.List;

import io.pg2polar.sink.catalog.MissingTargetObjectException;
import io.pg2polar.sink.catalog.TargetTable;
import io.pg2polar.sink.event.ChangeEvent;

/**
 * Changes to a table without a primary key. Nothing identifies a row but its values, so the changes are
 * applied one by one in source order, each update and delete touching exactly one row equal to the old image
 * (the source table needs {@code REPLICA IDENTITY FULL} to send old images).
 */
public final class KeylessTableChanges implements TableChanges {

    private final TargetTable table;
    private final List<ChangeEvent> events = new ArrayList<>();

    KeylessTableChanges(TargetTable table) {
        this.table = table;
    }

    @Override
    public TargetTable table() {
        return table;
    }

    @Override
    public void add(ChangeEvent event) {
        boolean needsOldImage = event.operation() == io.pg2polar.sink.event.Operation.UPDATE
                || event.operation() == io.pg2polar.sink.event.Operation.DELETE;
        if (needsOldImage && event.before() == null) {
            throw new MissingTargetObjectException("Event " + event.position() + " changes a row of "
                    + table.id().quoted()
                    + ", which has no primary key, but carries no old row to find it by. Run ALTER TABLE "
                    + table.id().quoted()
                    + " REPLICA IDENTITY FULL on the source (or add a primary key on both sides).");
        }
        events.add(event);
    }

    @Override
    public List<ChangeEvent> events() {
        return events;
    }
}
