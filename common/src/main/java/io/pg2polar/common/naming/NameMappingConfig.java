package io.pg2polar.common.naming;

import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import io.pg2polar.common.config.ConfigDefBuilder;

/** The sink's name-mapping options. */
public final class NameMappingConfig {

    public static final String SCHEMAS = "name.mapping.schemas";
    public static final String TABLES = "name.mapping.tables";
    public static final String COLUMNS = "name.mapping.columns";
    public static final String TABLE_PATTERN = "name.mapping.table.pattern";
    public static final String TABLE_REPLACEMENT = "name.mapping.table.replacement";

    private NameMappingConfig() {}

    /** Adds the options to a sink ConfigDef. */
    public static ConfigDefBuilder define(ConfigDefBuilder builder) {
        return builder.group("Name mapping")
                .key(SCHEMAS)
                .type(Type.STRING)
                .defaultValue("")
                .importance(Importance.MEDIUM)
                .display("Schema mapping")
                .doc(
                        "Source schemas written to other target schemas, as source:target pairs separated by commas, e.g."
                                + " 'sales:crm, hr:people'. Tables, sequences and types of a mapped schema go to its target schema.")
                .define()
                .key(TABLES)
                .type(Type.STRING)
                .defaultValue("")
                .importance(Importance.MEDIUM)
                .display("Table mapping")
                .doc(
                        "Source tables written to other target tables, as schema.table:schema.table (or schema.table:table, keeping the"
                                + " schema mapping) pairs separated by commas, e.g. 'sales.customers:crm.clients'. Wins over the schema"
                                + " mapping and the table pattern.")
                .define()
                .key(COLUMNS)
                .type(Type.STRING)
                .defaultValue("")
                .importance(Importance.MEDIUM)
                .display("Column mapping")
                .doc(
                        "Source columns written to other target columns, as schema.table.column:column pairs separated by commas, e.g."
                                + " 'sales.customers.name:full_name' (the source names). Rows, table definitions, indexes, constraints and"
                                + " DDL follow it.")
                .define()
                .key(TABLE_PATTERN)
                .type(Type.STRING)
                .defaultValue("")
                .importance(Importance.LOW)
                .display("Table name pattern")
                .doc(
                        "Bulk table renaming: a regular expression on the source table name (without schema), e.g. '^(.*)$', applied"
                                + " with " + TABLE_REPLACEMENT + " to every table without a single mapping.")
                .define()
                .key(TABLE_REPLACEMENT)
                .type(Type.STRING)
                .defaultValue("")
                .importance(Importance.LOW)
                .display("Table name replacement")
                .doc("The replacement for " + TABLE_PATTERN + ", with $1 etc. for its groups, e.g. 'mig_$1'.")
                .define();
    }

    public static String example(String option) {
        return switch (option) {
            case SCHEMAS -> "source_schema:target_schema";
            case TABLES -> "schema.table:target_schema.target_table";
            default -> "schema.table.column:target_column";
        };
    }
}
