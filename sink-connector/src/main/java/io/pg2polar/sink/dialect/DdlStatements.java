package io.pg2polar.sink.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.pg2polar.common.schema.ColumnDefinition;
import io.pg2polar.common.schema.ConstraintDefinition;
import io.pg2polar.common.schema.IndexDefinition;
import io.pg2polar.common.schema.SequenceDefinition;
import io.pg2polar.common.schema.TableDefinition;
import io.pg2polar.common.schema.TypeDefinition;
import io.pg2polar.common.sequence.SequenceStatements;
import io.pg2polar.common.sequence.SequenceValue;
import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.common.sql.TableId;

/**
 * Every DDL statement the sink sends, owned by a dialect: identifiers through {@link Identifiers}, column types
 * through the dialect, deparsed fragments (defaults, checks, index definitions, partition bounds) as the source
 * printed them, every identifier in them already quoted.
 */
public class DdlStatements {

    private final TargetDialect dialect;
    private final SequenceStatements sequences;

    public DdlStatements(TargetDialect dialect, SequenceStatements sequences) {
        this.dialect = dialect;
        this.sequences = sequences;
    }

    public String createSchema(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema);
    }

    public String createType(TypeDefinition type) {
        String name = Identifiers.qualify(type.schema(), type.name());
        return switch (type.kind()) {
            case "e" ->
                "CREATE TYPE " + name + " AS ENUM ("
                        + type.labels().stream().map(Identifiers::literal).collect(Collectors.joining(", ")) + ')';
            case "c" ->
                "CREATE TYPE " + name + " AS ("
                        + type.attributes().stream()
                                .map(a -> Identifiers.quote(a.name()) + ' ' + dialect.columnType(a.type(), null))
                                .collect(Collectors.joining(", "))
                        + ')';
            case "d" ->
                "CREATE DOMAIN " + name + " AS " + dialect.columnType(type.baseType(), null)
                        + (type.default_() == null ? "" : " DEFAULT " + type.default_())
                        + (type.notNull() ? " NOT NULL" : "")
                        + (type.checks() == null
                                ? ""
                                : type.checks().stream().map(c -> ' ' + c).collect(Collectors.joining()));
            default ->
                throw new IllegalArgumentException("Type kind " + type.kind() + " of " + name + " cannot be created");
        };
    }

    /** The same CREATE SEQUENCE as sequence sync's for a sequence the target lacks. */
    public String createSequence(SequenceDefinition sequence) {
        return sequences.create(new SequenceValue(
                sequence.schema(),
                sequence.name(),
                sequence.type(),
                sequence.start(),
                sequence.increment(),
                sequence.min(),
                sequence.max(),
                sequence.cache(),
                sequence.cycle(),
                null));
    }

    public String sequenceOwnedBy(SequenceDefinition sequence, TableId table) {
        return "ALTER SEQUENCE " + Identifiers.qualify(sequence.schema(), sequence.name()) + " OWNED BY "
                + table.quoted() + '.' + Identifiers.quote(sequence.ownedBy());
    }

    /** CREATE TABLE: a partition as PARTITION OF its parent, anything else with its own columns. */
    public String createTable(TableDefinition table) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(table.id().quoted());
        if (table.partitionOf() != null) {
            sql.append(" PARTITION OF ")
                    .append(table.partitionOf().parentId().quoted())
                    .append(' ')
                    .append(table.partitionOf().bound());
        } else {
            List<String> columns = new ArrayList<>();
            for (ColumnDefinition column : table.columns()) {
                columns.add(column(column));
            }
            sql.append(" (").append(String.join(", ", columns)).append(')');
        }
        if (table.partitionKey() != null) {
            sql.append(" PARTITION BY ").append(table.partitionKey());
        }
        return sql.toString();
    }

    public String column(ColumnDefinition column) {
        StringBuilder sql = new StringBuilder(Identifiers.quote(column.name()))
                .append(' ')
                .append(dialect.columnType(column.type(), column.typeName()));
        if (column.collation() != null) {
            sql.append(" COLLATE ").append(column.collation());
        }
        if (column.generated() != null) {
            sql.append(" GENERATED ALWAYS AS (").append(column.generated()).append(") STORED");
        } else if (column.identity() != null) {
            sql.append(" GENERATED ")
                    .append("a".equals(column.identity()) ? "ALWAYS" : "BY DEFAULT")
                    .append(" AS IDENTITY");
        } else if (column.default_() != null) {
            sql.append(" DEFAULT ").append(column.default_());
        }
        if (column.notNull() && column.identity() == null) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    /** ADD CONSTRAINT; foreign keys NOT VALID, because rows may arrive before the rows they reference. */
    public String addConstraint(TableId table, ConstraintDefinition constraint) {
        return alterTable(
                table,
                "ADD CONSTRAINT " + Identifiers.quote(constraint.name()) + ' ' + stripNotValid(constraint.definition())
                        + (constraint.isForeignKey() ? " NOT VALID" : ""));
    }

    public String dropConstraint(TableId table, String name) {
        return alterTable(table, "DROP CONSTRAINT IF EXISTS " + Identifiers.quote(name));
    }

    /**
     * The source's CREATE INDEX; on a partitioned table without {@code ONLY}, so the target builds the index on
     * every partition too (the source's partitions' indexes are attached to it and are not sent separately).
     */
    public String createIndex(IndexDefinition index) {
        return index.definition().replaceFirst(" ON ONLY ", " ON ");
    }

    /**
     * REPLICA IDENTITY as on the source, so the target can itself be a logical replication source later: FULL or
     * NOTHING as they were, DEFAULT otherwise (an index-based identity needs its index, which has another name here).
     */
    public String replicaIdentity(TableId table, String identity) {
        String kind = switch (identity == null ? "d" : identity) {
            case "f" -> "FULL";
            case "n" -> "NOTHING";
            default -> "DEFAULT";
        };
        return alterTable(table, "REPLICA IDENTITY " + kind);
    }

    public String commentOnTable(TableId table, String comment) {
        return "COMMENT ON TABLE " + table.quoted() + " IS "
                + (comment == null ? "NULL" : Identifiers.literal(comment));
    }

    public String commentOnColumn(TableId table, String column, String comment) {
        return "COMMENT ON COLUMN " + table.quoted() + '.' + Identifiers.quote(column) + " IS "
                + (comment == null ? "NULL" : Identifiers.literal(comment));
    }

    public String dropTable(TableId table) {
        return "DROP TABLE IF EXISTS " + table.quoted();
    }

    public String setSchema(TableId table, String schema) {
        return alterTable(table, "SET SCHEMA " + Identifiers.quote(schema));
    }

    public String renameTable(TableId table, String newName) {
        return alterTable(table, "RENAME TO " + Identifiers.quote(newName));
    }

    public String addColumn(TableId table, ColumnDefinition column) {
        return alterTable(table, "ADD COLUMN " + column(column));
    }

    public String dropColumn(TableId table, String column) {
        return alterTable(table, "DROP COLUMN " + Identifiers.quote(column));
    }

    public String renameColumn(TableId table, String column, String newName) {
        return alterTable(table, "RENAME COLUMN " + Identifiers.quote(column) + " TO " + Identifiers.quote(newName));
    }

    /** ALTER COLUMN ... TYPE to the type the dialect creates for the source's, converting through a cast. */
    public String alterColumnType(TableId table, ColumnDefinition column) {
        String quoted = Identifiers.quote(column.name());
        String type = dialect.columnType(column.type(), column.typeName());
        return alterTable(table, "ALTER COLUMN " + quoted + " TYPE " + type + " USING " + quoted + "::" + type);
    }

    /** SET DEFAULT to the column's (deparsed) default, or DROP DEFAULT when it has none. */
    public String alterColumnDefault(TableId table, ColumnDefinition column) {
        return alterTable(
                table,
                "ALTER COLUMN " + Identifiers.quote(column.name())
                        + (column.default_() == null ? " DROP DEFAULT" : " SET DEFAULT " + column.default_()));
    }

    /** SET NOT NULL or DROP NOT NULL as the column says. */
    public String alterColumnNotNull(TableId table, ColumnDefinition column) {
        return alterTable(
                table,
                "ALTER COLUMN " + Identifiers.quote(column.name())
                        + (column.notNull() ? " SET NOT NULL" : " DROP NOT NULL"));
    }

    /** DROP CONSTRAINT of one that must exist: a foreign key held back (its definition kept first). */
    public String dropExistingConstraint(TableId table, String name) {
        return alterTable(table, "DROP CONSTRAINT " + Identifiers.quote(name));
    }

    public String disableTrigger(TableId table, String trigger) {
        return alterTable(table, "DISABLE TRIGGER " + Identifiers.quote(trigger));
    }

    /** DROP INDEX of one the source dropped or changed (it may be gone on the target already). */
    public String dropIndexIfExists(String schema, String name) {
        return "DROP INDEX IF EXISTS " + Identifiers.qualify(schema, name);
    }

    /** DROP INDEX of one that must exist: an index deferred during a full load (its definition kept first). */
    public String dropIndex(String schema, String name) {
        return "DROP INDEX " + Identifiers.qualify(schema, name);
    }

    private static String alterTable(TableId table, String action) {
        return "ALTER TABLE " + table.quoted() + ' ' + action;
    }

    private static String stripNotValid(String definition) {
        return definition.endsWith(" NOT VALID")
                ? definition.substring(0, definition.length() - " NOT VALID".length())
                : definition;
    }
}
