package io.pg2polar.common.precheck;

import java.util.List;

import io.pg2polar.common.extension.ExtensionNeed;
import io.pg2polar.common.naming.NameMapping;
import io.pg2polar.common.sql.TableId;

/**
 * The source tables a migration selects, their total size on the source ({@code pg_total_relation_size}: rows,
 * indexes and TOAST) and the extensions they need on the target.
 *
 * @param totalBytes negative when unknown
 * @param extensions each after those it requires; empty when none are needed or nothing is known
 */
public record SelectedTables(List<TableId> tables, long totalBytes, List<ExtensionNeed> extensions) {

    /** Nothing known about the source: the target's checks then look at every table on the target. */
    public static final SelectedTables UNKNOWN = new SelectedTables(List.of(), -1);

    public SelectedTables {
        tables = List.copyOf(tables);
        extensions = List.copyOf(extensions);
    }

    public SelectedTables(List<TableId> tables, long totalBytes) {
        this(tables, totalBytes, List.of());
    }

    public boolean known() {
        return !tables.isEmpty();
    }

    /** The selection under its target names (the sink's name mapping): tables and the schemas of the extensions. */
    public SelectedTables mappedBy(NameMapping mapping) {
        return new SelectedTables(
                tables.stream().map(mapping::table).toList(),
                totalBytes,
                ExtensionNeed.mapped(extensions, mapping::table, mapping::schema));
    }
}
