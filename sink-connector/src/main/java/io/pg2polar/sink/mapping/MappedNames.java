package io.pg2polar.sink.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pg2polar.common.control.CopyChunk;
import io.pg2polar.common.control.SchemaChange;
import io.pg2polar.common.control.SequenceState;
import io.pg2polar.common.naming.NameMapping;
import io.pg2polar.common.schema.ColumnDefinition;
import io.pg2polar.common.schema.ConstraintDefinition;
import io.pg2polar.common.schema.ExtensionDefinition;
import io.pg2polar.common.schema.IndexDefinition;
import io.pg2polar.common.schema.SequenceDefinition;
import io.pg2polar.common.schema.TableDefinition;
import io.pg2polar.common.schema.TypeDefinition;
import io.pg2polar.common.sequence.SequenceValue;
import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.common.sql.TableId;

/**
 * Applies a {@link NameMapping} to what the sink receives: table definitions (names, columns, and the SQL
 * fragments of types, defaults, constraints, indexes and partition keys, which the source deparsed with every
 * identifier quoted, so each name is a quoted token), schema changes and sequence positions.
 */
public final class MappedNames {

    /** A quoted identifier, optionally qualified by another: {@code "s"."t"} or {@code "c"}. */
    private static final Pattern IDENTIFIERS = Pattern.compile("\"((?:[^\"]|\"\")*)\"(?:\\.\"((?:[^\"]|\"\")*)\")?");

    private final NameMapping mapping;

    public MappedNames(NameMapping mapping) {
        this.mapping = mapping;
    }

    public SchemaChange change(SchemaChange change) {
        if (mapping.isIdentity()) {
            return change;
        }
        return new SchemaChange(
                change.kind(),
                change.command(),
                change.statement(),
                mapping.table(change.table()),
                change.previous() == null ? null : mapping.table(change.previous()),
                definition(change.definition()),
                definition(change.previousDefinition()),
                change.lsn(),
                change.timestampMillis());
    }

    public SequenceState sequences(SequenceState state) {
        if (mapping.isIdentity()) {
            return state;
        }
        List<SequenceValue> mapped = new ArrayList<>();
        for (SequenceValue s : state.sequences()) {
            mapped.add(s.inSchema(mapping.schema(s.schema())));
        }
        return new SequenceState(mapped, state.timestampMillis());
    }

    public TableDefinition definition(TableDefinition d) {
        if (d == null || mapping.isIdentity()) {
            return d;
        }
        TableId source = d.id();
        TableId target = mapping.table(source);
        List<ColumnDefinition> columns = new ArrayList<>();
        for (ColumnDefinition c : d.columns()) {
            columns.add(new ColumnDefinition(
                    c.attnum(),
                    mapping.column(source, c.name()),
                    sql(c.type(), source),
                    c.typeName(),
                    c.typeSchema() == null ? null : mapping.schema(c.typeSchema()),
                    c.notNull(),
                    sql(c.default_(), source),
                    sql(c.generated(), source),
                    c.identity(),
                    c.inherited(),
                    c.collation(),
                    c.comment()));
        }
        List<ConstraintDefinition> constraints = new ArrayList<>();
        for (ConstraintDefinition c : d.constraints()) {
            TableId referenced =
                    c.referencedTable() == null ? null : new TableId(c.referencedSchema(), c.referencedTable());
            TableId mappedReferenced = referenced == null ? null : mapping.table(referenced);
            constraints.add(new ConstraintDefinition(
                    c.name(),
                    c.type(),
                    constraintSql(c.definition(), source, referenced),
                    c.validated(),
                    mappedReferenced == null ? null : mappedReferenced.schema(),
                    mappedReferenced == null ? null : mappedReferenced.table()));
        }
        List<IndexDefinition> indexes = d.indexes().stream()
                .map(i -> new IndexDefinition(i.name(), sql(i.definition(), source)))
                .toList();
        List<TypeDefinition> types = d.types().stream()
                .map(t -> new TypeDefinition(
                        mapping.schema(t.schema()),
                        t.name(),
                        t.kind(),
                        t.labels(),
                        sql(t.baseType(), source),
                        t.notNull(),
                        sql(t.default_(), source),
                        t.checks(),
                        t.attributes()))
                .toList();
        List<SequenceDefinition> sequences = d.sequences().stream()
                .map(s -> new SequenceDefinition(
                        mapping.schema(s.schema()),
                        s.name(),
                        s.type(),
                        s.start(),
                        s.increment(),
                        s.min(),
                        s.max(),
                        s.cache(),
                        s.cycle(),
                        s.ownedBy() == null ? null : mapping.column(source, s.ownedBy())))
                .toList();
        TableDefinition.PartitionOf partitionOf = d.partitionOf() == null ? null : partitionOf(d.partitionOf());
        // an extension's types and operator classes are named with its schema, which is mapped like the others
        List<ExtensionDefinition> extensions = d.extensions().stream()
                .map(e -> e.inSchema(mapping.schema(e.schema())))
                .toList();
        return new TableDefinition(
                d.oid(),
                target.schema(),
                target.table(),
                d.kind(),
                d.replicaIdentity(),
                sql(d.partitionKey(), source),
                partitionOf,
                d.comment(),
                columns,
                constraints,
                indexes,
                types,
                sequences,
                definition(d.parent()),
                extensions);
    }

    private TableDefinition.PartitionOf partitionOf(TableDefinition.PartitionOf of) {
        TableId parent = mapping.table(of.parentId());
        return new TableDefinition.PartitionOf(parent.schema(), parent.table(), of.bound());
    }

    /** A foreign key's columns belong to the table up to REFERENCES, then to the referenced table. */
    String constraintSql(String definition, TableId table, TableId referenced) {
        if (definition == null || referenced == null) {
            return sql(definition, table);
        }
        int references = definition.indexOf(" REFERENCES ");
        if (references < 0) {
            return sql(definition, table);
        }
        return sql(definition.substring(0, references), table) + sql(definition.substring(references), referenced);
    }

    /**
     * Renames the quoted identifiers of a SQL fragment of {@code table}'s definition: a qualified name is a
     * relation (a table mapped as a table, anything else - sequences, types - by its schema), a bare name is a
     * column of {@code table}.
     */
    String sql(String fragment, TableId table) {
        if (fragment == null || fragment.indexOf('"') < 0) {
            return fragment;
        }
        Map<String, String> columns = mapping.columnsOf(table);
        Matcher matcher = IDENTIFIERS.matcher(fragment);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String first = matcher.group(1).replace("\"\"", "\"");
            String second = matcher.group(2) == null ? null : matcher.group(2).replace("\"\"", "\"");
            String replacement;
            if (second != null) {
                TableId relation = new TableId(first, second);
                TableId mapped = relation.equals(table) || isTableLike(relation)
                        ? mapping.table(relation)
                        : new TableId(mapping.schema(first), second);
                replacement = Identifiers.quote(mapped.schema()) + '.' + Identifiers.quote(mapped.table());
            } else {
                replacement = Identifiers.quote(columns.getOrDefault(first, first));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * A relation the table mapping names explicitly is renamed as a table wherever it appears; the table pattern
     * renames only the table being defined and referenced tables, never sequences or types that happen to match.
     */
    private boolean isTableLike(TableId relation) {
        return mapping.hasSingleMapping(relation);
    }

    /** The row's columns under their target names. */
    public Map<String, String> columns(TableId sourceTable, Map<String, String> values) {
        Map<String, String> renamed = mapping.columnsOf(sourceTable);
        if (renamed.isEmpty()) {
            return values;
        }
        Map<String, String> mapped = new LinkedHashMap<>();
        values.forEach((column, value) -> mapped.put(renamed.getOrDefault(column, column), value));
        return mapped;
    }

    /** The chunk's table and columns under their target names. */
    public CopyChunk chunk(CopyChunk chunk) {
        Map<String, String> renamed = mapping.columnsOf(chunk.table());
        TableId table = mapping.table(chunk.table());
        if (renamed.isEmpty() && table.equals(chunk.table())) {
            return chunk;
        }
        return chunk.with(
                table,
                chunk.columns().stream().map(c -> renamed.getOrDefault(c, c)).toList(),
                chunk.data());
    }

    public TableId table(TableId source) {
        return mapping.table(source);
    }
}
