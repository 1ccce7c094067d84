package io.pg2polar.common.extension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.pg2polar.common.schema.ExtensionDefinition;
import io.pg2polar.common.sql.TableId;

/**
 * An extension the selected tables need, with the tables that need it (directly or through an extension that requires
 * it).
 */
public record ExtensionNeed(ExtensionDefinition extension, List<TableId> tables) {

    public ExtensionNeed {
        tables = List.copyOf(tables);
    }

    /**
     * The extensions of many tables, each once (the first definition of a name wins), every one after those it requires.
     *
     * @param byTable each table's extensions, as its definition lists them
     */
    public static List<ExtensionNeed> of(Map<TableId, List<ExtensionDefinition>> byTable) {
        Map<String, ExtensionDefinition> extensions = new LinkedHashMap<>();
        Map<String, List<TableId>> tables = new LinkedHashMap<>();
        byTable.forEach((table, needed) -> needed.forEach(extension -> {
            extensions.putIfAbsent(extension.name(), extension);
            tables.computeIfAbsent(extension.name(), name -> new ArrayList<>()).add(table);
        }));
        List<ExtensionNeed> ordered = new ArrayList<>();
        for (String name : List.copyOf(extensions.keySet())) {
            addRequiredFirst(name, extensions, tables, ordered);
        }
        return ordered;
    }

    /** The same needs under target names: tables and extension schemas mapped. */
    public static List<ExtensionNeed> mapped(
            List<ExtensionNeed> needs, Function<TableId, TableId> table, Function<String, String> schema) {
        return needs.stream()
                .map(n -> new ExtensionNeed(
                        n.extension().inSchema(schema.apply(n.extension().schema())),
                        n.tables().stream().map(table).toList()))
                .toList();
    }

    private static void addRequiredFirst(
            String name,
            Map<String, ExtensionDefinition> extensions,
            Map<String, List<TableId>> tables,
            List<ExtensionNeed> ordered) {
        // taken out before its requirements are placed: placed once, and a cycle (PostgreSQL forbids them anyway)
        // cannot loop
        ExtensionDefinition extension = extensions.remove(name);
        if (extension == null) {
            return;
        }
        extension.requires().forEach(required -> addRequiredFirst(required, extensions, tables, ordered));
        ordered.add(new ExtensionNeed(extension, tables.get(name)));
    }
}
