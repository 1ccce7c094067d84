package io.pg2polar.common.naming;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.pg2polar.common.sql.TableId;

/**
 * How source names become target names: schemas, tables and columns, by single mappings and by bulk patterns.
 * A table's own mapping wins over its schema's; a table without one keeps its name (or the table pattern's
 * result) in its schema's target schema. Everything the sink writes goes through it: rows, table definitions
 * (schema migration and DDL), truncates and sequences, so the target is consistently renamed.
 *
 * <ul>
 * <li>{@code name.mapping.schemas} {@code sales:crm, hr:people}</li>
 * <li>{@code name.mapping.tables} {@code sales.customers:crm.clients} (or {@code sales.customers:clients})</li>
 * <li>{@code name.mapping.columns} {@code sales.customers.name:full_name}</li>
 * <li>{@code name.mapping.table.pattern} / {@code name.mapping.table.replacement}: a regular expression on the
 * table name and its replacement ({@code ^(.*)$} / {@code mig_$1}), for tables without a single mapping</li>
 * </ul>
 */
public final class NameMapping {

    public static final NameMapping IDENTITY = new NameMapping(Map.of(), Map.of(), Map.of(), null, null);

    private final Map<String, String> schemas;
    private final Map<TableId, TableId> tables;
    private final Map<TableId, Map<String, String>> columns;
    private final Pattern tablePattern;
    private final String tableReplacement;

    private NameMapping(
            Map<String, String> schemas,
            Map<TableId, TableId> tables,
            Map<TableId, Map<String, String>> columns,
            Pattern tablePattern,
            String tableReplacement) {
        this.schemas = schemas;
        this.tables = tables;
        this.columns = columns;
        this.tablePattern = tablePattern;
        this.tableReplacement = tableReplacement;
    }

    /**
     * Parses the mapping options.
     *
     * @throws NameMappingException naming the option, when an entry is malformed or two names map to the same target
     */
    public static NameMapping parse(
            String schemaEntries,
            String tableEntries,
            String columnEntries,
            String tablePattern,
            String tableReplacement) {
        Map<String, String> schemas = new LinkedHashMap<>();
        for (String[] entry : entries(NameMappingConfig.SCHEMAS, schemaEntries, 1)) {
            schemas.put(entry[0], entry[1]);
        }
        Map<TableId, TableId> tables = new LinkedHashMap<>();
        for (String[] entry : entries(NameMappingConfig.TABLES, tableEntries, 2)) {
            TableId from = table(NameMappingConfig.TABLES, entry[0]);
            TableId to = entry[1].contains(".")
                    ? table(NameMappingConfig.TABLES, entry[1])
                    : new TableId(schemas.getOrDefault(from.schema(), from.schema()), entry[1]);
            tables.put(from, to);
        }
        Map<TableId, Map<String, String>> columns = new HashMap<>();
        for (String[] entry : entries(NameMappingConfig.COLUMNS, columnEntries, 3)) {
            int dot = entry[0].lastIndexOf('.');
            TableId table = table(NameMappingConfig.COLUMNS, entry[0].substring(0, dot));
            Map<String, String> ofTable = columns.computeIfAbsent(table, t -> new LinkedHashMap<>());
            if (ofTable.containsValue(entry[1])) {
                throw new NameMappingException(
                        NameMappingConfig.COLUMNS, columnEntries, "two columns of " + table + " map to " + entry[1]);
            }
            ofTable.put(entry[0].substring(dot + 1), entry[1]);
        }
        Pattern pattern = null;
        if (tablePattern != null && !tablePattern.isBlank()) {
            if (tableReplacement == null || tableReplacement.isBlank()) {
                throw new NameMappingException(
                        NameMappingConfig.TABLE_REPLACEMENT,
                        tableReplacement,
                        "set it together with " + NameMappingConfig.TABLE_PATTERN + ", e.g. mig_$1");
            }
            try {
                pattern = Pattern.compile(tablePattern);
            } catch (PatternSyntaxException e) {
                throw new NameMappingException(
                        NameMappingConfig.TABLE_PATTERN,
                        tablePattern,
                        "not a regular expression: " + e.getDescription());
            }
        }
        NameMapping mapping = new NameMapping(
                Map.copyOf(schemas), Map.copyOf(tables), Map.copyOf(columns), pattern, tableReplacement);
        mapping.refuseCollisions();
        return mapping;
    }

    public boolean isIdentity() {
        return schemas.isEmpty() && tables.isEmpty() && columns.isEmpty() && tablePattern == null;
    }

    /** The target schema of a source schema (sequences, types and tables without their own mapping live there). */
    public String schema(String sourceSchema) {
        return schemas.getOrDefault(sourceSchema, sourceSchema);
    }

    /** The target table of a source table. */
    public TableId table(TableId source) {
        TableId mapped = tables.get(source);
        if (mapped != null) {
            return mapped;
        }
        String name = tablePattern == null
                ? source.table()
                : tablePattern.matcher(source.table()).replaceAll(tableReplacement);
        return new TableId(schema(source.schema()), name);
    }

    /** Whether {@code name.mapping.tables} names the table. */
    public boolean hasSingleMapping(TableId source) {
        return tables.containsKey(source);
    }

    /** The target name of a column of a source table. */
    public String column(TableId sourceTable, String column) {
        Map<String, String> ofTable = columns.get(sourceTable);
        return ofTable == null ? column : ofTable.getOrDefault(column, column);
    }

    /** The columns renamed for a source table: source name to target name. */
    public Map<String, String> columnsOf(TableId sourceTable) {
        return columns.getOrDefault(sourceTable, Map.of());
    }

    /** Two single mappings onto one target are a mistake the user must fix before anything is written. */
    private void refuseCollisions() {
        Map<String, String> seenSchemas = new HashMap<>();
        schemas.forEach((from, to) -> {
            String other = seenSchemas.put(to, from);
            if (other != null) {
                throw new NameMappingException(
                        NameMappingConfig.SCHEMAS,
                        from + ":" + to,
                        "schemas " + other + " and " + from + " both map to " + to);
            }
        });
        Map<TableId, TableId> seenTables = new HashMap<>();
        tables.forEach((from, to) -> {
            TableId other = seenTables.put(to, from);
            if (other != null) {
                throw new NameMappingException(
                        NameMappingConfig.TABLES,
                        from + ":" + to,
                        "tables " + other + " and " + from + " both map to " + to);
            }
        });
    }

    private static List<String[]> entries(String option, String value, int sourceParts) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String[]> result = new java.util.ArrayList<>();
        for (String raw : value.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            String[] fromTo = entry.split(":", -1);
            if (fromTo.length != 2
                    || fromTo[0].isBlank()
                    || fromTo[1].isBlank()
                    || fromTo[0].trim().split("\\.").length != sourceParts) {
                throw new NameMappingException(
                        option, value, "'" + entry + "' is not " + NameMappingConfig.example(option));
            }
            result.add(new String[] {fromTo[0].trim(), fromTo[1].trim()});
        }
        return result;
    }

    private static TableId table(String option, String qualified) {
        String[] parts = qualified.split("\\.");
        if (parts.length != 2) {
            throw new NameMappingException(option, qualified, "name the table as schema.table");
        }
        return new TableId(parts[0], parts[1]);
    }
}
