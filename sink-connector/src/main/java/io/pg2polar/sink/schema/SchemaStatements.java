package io.pg2polar.sink.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.pg2polar.common.schema.ColumnDefinition;
import io.pg2polar.common.schema.ConstraintDefinition;
import io.pg2polar.common.schema.IndexDefinition;
import io.pg2polar.common.schema.SequenceDefinition;
import io.pg2polar.common.schema.TableDefinition;
import io.pg2polar.common.schema.TypeDefinition;
import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.dialect.TargetDialect;

/**
 * The DDL that creates source objects on the target, built from their definitions: identifiers through
 * {@link Identifiers}, column types through the dialect, deparsed fragments (defaults, checks, index
 * definitions, partition bounds) as the source printed them, every identifier in them already quoted.
 */
final class SchemaStatements {

    private final TargetDialect dialect;

    SchemaStatements(TargetDialect dialect) {
        this.dialect = dialect;
    }

    String createSchema(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema);
    }

    String createType(TypeDefinition type) {
        String name = Identifiers.qualify(type.schema(), type.name());
        return switch (type.kind()) {
            case "e" -> "CREATE TYPE " + name + " AS ENUM ("
                    + type.labels().stream().map(Identifiers::literal).collect(Collectors.joining(", ")) + ')';
            case "c" -> "CREATE TYPE " + name + " AS ("
                    + type.attributes().stream().map(a -> Identifiers.quote(a.name()) + ' ' + dialect.columnType(a.type(), null))
                            .collect(Collectors.joining(", ")) + ')';
            case "d" -> "CREATE DOMAIN " + name + " AS " + dialect.columnType(type.baseType(), null)
                    + (type.default_() == null ? "" : " DEFAULT " + type.default_()) + (type.notNull() ? " NOT NULL" : "")
                    + (type.checks() == null ? "" : type.checks().stream().map(c -> ' ' + c).collect(Collectors.joining()));
            default -> throw new IllegalArgumentException("Type kind " + type.kind() + " of " + name + " cannot be created");
        };
    }

    String createSequence(SequenceDefinition sequence) {
        return "CREATE SEQUENCE IF NOT EXISTS " + Identifiers.qualify(sequence.schema(), sequence.name()) + " AS " + sequence.type()
                + " INCREMENT BY " + sequence.increment() + " MINVALUE " + sequence.min() + " MAXVALUE " + sequence.max()
                + " START WITH " + sequence.start() + " CACHE " + sequence.cache() + (sequence.cycle() ? " CYCLE" : " NO CYCLE");
    }

    String sequenceOwnedBy(SequenceDefinition sequence, TableId table) {
        return "ALTER SEQUENCE " + Identifiers.qualify(sequence.schema(), sequence.name()) + " OWNED BY " + table.quoted() + '.'
                + Identifiers.quote(sequence.ownedBy());
    }

    /** CREATE TABLE: a partition as PARTITION OF its parent, anything else with its own columns. */
    String createTable(TableDefinition table) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(table.id().quoted());
        if (table.partitionOf() != null) {
            sql.append(" PARTITION OF ").append(table.partitionOf().parentId().quoted()).append(' ').append(table.partitionOf().bound());
        }
        else {
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

    String column(ColumnDefinition column) {
        StringBuilder sql = new StringBuilder(Identifiers.quote(column.name())).append(' ')
                .append(dialect.columnType(column.type(), column.typeName()));
        if (column.collation() != null) {
            sql.append(" COLLATE ").append(column.collation());
        }
        if (column.generated() != null) {
            sql.append(" GENERATED ALWAYS AS (").append(column.generated()).append(") STORED");
        }
        else if (column.identity() != null) {
            sql.append(" GENERATED ").append("a".equals(column.identity()) ? "ALWAYS" : "BY DEFAULT").append(" AS IDENTITY");
        }
        else if (column.default_() != null) {
            sql.append(" DEFAULT ").append(column.default_());
        }
        if (column.notNull() && column.identity() == null) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    /** ADD CONSTRAINT; foreign keys NOT VALID, because rows may arrive before the rows they reference. */
    String addConstraint(TableId table, ConstraintDefinition constraint) {
        return "ALTER TABLE " + table.quoted() + " ADD CONSTRAINT " + Identifiers.quote(constraint.name()) + ' '
                + stripNotValid(constraint.definition()) + (constraint.isForeignKey() ? " NOT VALID" : "");
    }

    String dropConstraint(TableId table, String name) {
        return "ALTER TABLE " + table.quoted() + " DROP CONSTRAINT IF EXISTS " + Identifiers.quote(name);
    }

    /**
     * The source's CREATE INDEX; on a partitioned table without {@code ONLY}, so the target builds the index on
     * every partition too (the source's partitions' indexes are attached to it and are not sent separately).
     */
    String createIndex(IndexDefinition index) {
        return index.definition().replaceFirst(" ON ONLY ", " ON ");
    }

    /**
     * REPLICA IDENTITY as on the source, so the target can itself be a logical replication source later: FULL or
     * NOTHING as they were, DEFAULT otherwise (an index-based identity needs its index, which has another name here).
     */
    String replicaIdentity(TableId table, String identity) {
        String kind = switch (identity == null ? "d" : identity) {
            case "f" -> "FULL";
            case "n" -> "NOTHING";
            default -> "DEFAULT";
        };
        return "ALTER TABLE " + table.quoted() + " REPLICA IDENTITY " + kind;
    }

    String commentOnTable(TableId table, String comment) {
        return "COMMENT ON TABLE " + table.quoted() + " IS " + (comment == null ? "NULL" : Identifiers.literal(comment));
    }

    String commentOnColumn(TableId table, String column, String comment) {
        return "COMMENT ON COLUMN " + table.quoted() + '.' + Identifiers.quote(column) + " IS "
                + (comment == null ? "NULL" : Identifiers.literal(comment));
    }

    private static String stripNotValid(String definition) {
        return definition.endsWith(" NOT VALID") ? definition.substring(0, definition.length() - " NOT VALID".length()) : definition;
    }
}
