package io.pg2polar.sink.write;

import java.util.List;

import io.pg2polar.sink.catalog.TargetTable;
import io.pg2polar.sink.event.ChangeEvent;

/** The changes to one target table within one transaction, in arrival order. */
public sealed interface TableChanges permits KeyedTableChanges, KeylessTableChanges {

    /** The right collector for a table: reduced per key when it has a primary key, in order otherwise. */
    static TableChanges forTable(TargetTable table) {
        return forTable(table, false);
    }

    /** @param loading whether the table's full load is under way (see {@link KeyedTableChanges}) */
    static TableChanges forTable(TargetTable table, boolean loading) {
        return table.primaryKey().isEmpty() ? new KeylessTableChanges(table) : new KeyedTableChanges(table, loading);
    }

    TargetTable table();

    void add(ChangeEvent event);

    /** Every event in arrival order. */
    List<ChangeEvent> events();
}
