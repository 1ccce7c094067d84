package io.pg2polar.common.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pg2polar.common.sql.TableId;

/**
 * A table as the source catalog describes it, carried in schema events from source to sink. Identifiers are
 * plain names; SQL fragments (types, defaults, constraint and index definitions, partition bounds) were deparsed
 * with every identifier quoted and schema-qualified, so they work on a target with other reserved words and
 * another search_path. Lists are never null.
 *
 * @param oid    the source table's OID: a rename keeps it, so it tells a rename from a drop and a create
 * @param kind   {@code r} ordinary table, {@code p} partitioned table
 * @param parent for a partition, its partitioned table's definition (created first when missing)
 * @param extensions the extensions the table needs, each after those it requires
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableDefinition(
        long oid,
        String schema,
        String name,
        String kind,
        String replicaIdentity,
        String partitionKey,
        PartitionOf partitionOf,
        String comment,
        List<ColumnDefinition> columns,
        List<ConstraintDefinition> constraints,
        List<IndexDefinition> indexes,
        List<TypeDefinition> types,
        List<SequenceDefinition> sequences,
        TableDefinition parent,
        List<ExtensionDefinition> extensions) {

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public TableDefinition {
        columns = columns == null ? List.of() : List.copyOf(columns);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        indexes = indexes == null ? List.of() : List.copyOf(indexes);
        types = types == null ? List.of() : List.copyOf(types);
        sequences = sequences == null ? List.of() : List.copyOf(sequences);
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
    }

    public TableId id() {
        return new TableId(schema, name);
    }

    public boolean isPartitioned() {
        return "p".equals(kind);
    }

    public Optional<ColumnDefinition> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public Optional<ColumnDefinition> columnByAttnum(int attnum) {
        return columns.stream().filter(c -> c.attnum() == attnum).findFirst();
    }

    /**
     * The table without the columns the migration leaves out, and without the constraints and indexes that use
     * them (their definitions were deparsed with every identifier quoted, so a use of a column shows as its quoted
     * name). A partition's parent is filtered the same way.
     */
    public TableDefinition withoutColumns(java.util.function.Predicate<String> excluded) {
        List<String> dropped =
                columns.stream().map(ColumnDefinition::name).filter(excluded).toList();
        if (dropped.isEmpty()) {
            return this;
        }
        List<String> quoted =
                dropped.stream().map(io.pg2polar.common.sql.Identifiers::quote).toList();
        java.util.function.Predicate<String> usesDropped =
                sql -> sql != null && quoted.stream().anyMatch(sql::contains);
        return new TableDefinition(
                oid,
                schema,
                name,
                kind,
                replicaIdentity,
                partitionKey,
                partitionOf,
                comment,
                columns.stream().filter(c -> !dropped.contains(c.name())).toList(),
                constraints.stream()
                        .filter(c -> !usesDropped.test(c.definition()))
                        .toList(),
                indexes.stream().filter(i -> !usesDropped.test(i.definition())).toList(),
                types,
                sequences,
                parent == null ? null : parent.withoutColumns(excluded),
                extensions);
    }

    /** The same table with its partition parent's definition attached. */
    public TableDefinition withParent(TableDefinition parentDefinition) {
        return new TableDefinition(
                oid,
                schema,
                name,
                kind,
                replicaIdentity,
                partitionKey,
                partitionOf,
                comment,
                columns,
                constraints,
                indexes,
                types,
                sequences,
                parentDefinition,
                extensions);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TableDefinition fromJson(String json) {
        try {
            return JSON.readValue(json, TableDefinition.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a pg2polar table definition: " + e.getMessage(), e);
        }
    }

    /** Where a partition hangs: its parent and the bound, e.g. {@code FOR VALUES IN ('eu')}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PartitionOf(String schema, String name, String bound) {

        public TableId parentId() {
            return new TableId(schema, name);
        }
    }
}
