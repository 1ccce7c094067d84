package io.pg2polar.sink.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.pg2polar.common.sql.TableId;

/** A target table's columns and primary key, read from the target catalog. */
public final class TargetTable {

    private final TableId id;
    private final Map<String, TargetColumn> columns = new LinkedHashMap<>();
    private final List<String> primaryKey;

    public TargetTable(TableId id, List<TargetColumn> columns, List<String> primaryKey) {
        this.id = id;
        columns.forEach(c -> this.columns.put(c.name(), c));
        this.primaryKey = List.copyOf(primaryKey);
    }

    public TableId id() {
        return id;
    }

    public Optional<TargetColumn> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    public List<TargetColumn> columns() {
        return List.copyOf(columns.values());
    }

    /** Primary key column names in key order; empty for a table without one. */
    public List<String> primaryKey() {
        return primaryKey;
    }

    public boolean hasIdentityAlways() {
        return columns.values().stream().anyMatch(TargetColumn::identityAlways);
    }
}
