package io.pg2polar.controlplane.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.pg2polar.common.sql.TableId;

/**
 * The columns of one table that are compared: those present on both sides by name, in source order, and the
 * source's primary key among them.
 */
record TableShape(
        TableId table,
        List<ComparedColumn> columns,
        List<ComparedColumn> key,
        List<String> sourceOnly,
        List<String> targetOnly,
        List<String> keyMissingOnTarget) {

    /**
     * Matches the two sides' columns by name.
     *
     * @param keyNames the source's primary-key columns in key order; empty for a table without one
     */
    static TableShape match(TableId table, List<SideColumn> source, List<SideColumn> target, List<String> keyNames) {
        Map<String, SideColumn> targetByName =
                target.stream().collect(Collectors.toMap(SideColumn::name, Function.identity()));
        List<ComparedColumn> columns = new ArrayList<>();
        List<String> sourceOnly = new ArrayList<>();
        for (SideColumn column : source) {
            SideColumn other = targetByName.get(column.name());
            if (other == null) {
                sourceOnly.add(column.name());
            } else {
                columns.add(new ComparedColumn(column.name(), column, other));
            }
        }
        List<String> sourceNames = source.stream().map(SideColumn::name).toList();
        List<String> targetOnly = target.stream()
                .map(SideColumn::name)
                .filter(name -> !sourceNames.contains(name))
                .toList();
        List<ComparedColumn> key = new ArrayList<>();
        List<String> keyMissing = new ArrayList<>();
        for (String name : keyNames) {
            columns.stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .ifPresentOrElse(key::add, () -> keyMissing.add(name));
        }
        return new TableShape(
                table,
                List.copyOf(columns),
                List.copyOf(key),
                List.copyOf(sourceOnly),
                targetOnly,
                List.copyOf(keyMissing));
    }

    boolean hasKey() {
        return !key.isEmpty();
    }

    /** Why the rows cannot be compared at all: a key column or every column missing on the target. */
    Optional<String> problem() {
        if (!keyMissingOnTarget.isEmpty()) {
            return Optional.of("primary-key columns missing on the target: " + String.join(", ", keyMissingOnTarget));
        }
        if (columns.isEmpty()) {
            return Optional.of("no column of the source exists on the target");
        }
        return Optional.empty();
    }

    /** Names the columns that exist on one side only and so were not compared; empty when none. */
    String columnNote() {
        List<String> parts = new ArrayList<>();
        if (!sourceOnly.isEmpty()) {
            parts.add("columns only on the source, not compared: " + String.join(", ", sourceOnly));
        }
        if (!targetOnly.isEmpty()) {
            parts.add("columns only on the target, not compared: " + String.join(", ", targetOnly));
        }
        return String.join("; ", parts);
    }
}
