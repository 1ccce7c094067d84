package io.pg2polar.common.precheck;

import java.util.List;

import io.pg2polar.common.sql.TableId;

/**
 * The source tables a migration selects and their total size on the source ({@code pg_total_relation_size}: rows,
 * indexes and TOAST).
 *
 * @param totalBytes negative when unknown
 */
public record SelectedTables(List<TableId> tables, long totalBytes) {

    /** Nothing known about the source: the target's checks then look at every table on the target. */
    public static final SelectedTables UNKNOWN = new SelectedTables(List.of(), -1);

    public SelectedTables {
        tables = List.copyOf(tables);
    }

    public boolean known() {
        return !tables.isEmpty();
    }
}
