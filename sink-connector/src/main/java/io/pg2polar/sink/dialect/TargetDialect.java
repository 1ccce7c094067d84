package io.pg2polar.sink.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.pg2polar.common.extension.ExtensionOffer;
import io.pg2polar.common.sequence.SequenceStatements;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.catalog.TargetTable;

/**
 * Everything that differs between target databases: session setup and the SQL the sink writes. Statements
 * take every value as an untyped text parameter cast to the column's type, so the target's own input
 * functions parse what the source's output functions printed. Implementations never return null.
 */
public interface TargetDialect {

    /** The {@code target.dialect} value that selects this dialect. */
    String name();

    /** The port the target listens on unless told otherwise. */
    int defaultPort();

    /** Fixes time zone, date style and float output of a new session so values round-trip exactly. */
    void configureSession(Connection connection) throws SQLException;

    /** {@code INSERT ... ON CONFLICT (key) DO UPDATE} of the given columns, one parameter per column. */
    String upsert(TargetTable table, List<String> columns);

    /** Plain {@code INSERT} of the given columns: for tables without a primary key. */
    String insert(TargetTable table, List<String> columns);

    /** {@code UPDATE} of {@code setColumns} of the row with the given key; parameters: set values, then key values. */
    String updateByKey(TargetTable table, List<String> setColumns);

    /** {@code DELETE ... WHERE} each key column equals its parameter. */
    String deleteByKey(TargetTable table);

    /**
     * {@code UPDATE} of exactly one row whose {@code matchColumns} equal the parameters, for tables without a key;
     * parameters: set values, then match values.
     */
    String updateOneMatching(TargetTable table, List<String> setColumns, List<String> matchColumns);

    /** {@code DELETE} of exactly one row whose {@code matchColumns} equal the parameters. */
    String deleteOneMatching(TargetTable table, List<String> matchColumns);

    /** {@code COPY ... FROM STDIN} in text format for the given columns. */
    String copyIn(TargetTable table, List<String> columns);

    /** {@code TRUNCATE} of one table. */
    String truncate(TableId table);

    /** {@code DELETE} of every row of one table: the way to empty a table that TRUNCATE refuses. */
    String deleteAll(TableId table);

    /** {@code INSERT ... ON CONFLICT DO NOTHING}: keeps a target row with the same key (conflict.mode = ignore). */
    String insertIfAbsent(TargetTable table, List<String> columns);

    /** A query answering one boolean: whether the table holds any row. */
    String anyRow(TableId table);

    /** A temporary table shaped like {@code table}, to COPY a chunk into before it is upserted into the table. */
    String createStaging(TargetTable table);

    /** {@code COPY ... FROM STDIN} into the staging table. */
    String copyIntoStaging(List<String> columns);

    /**
     * The staging table's rows into the table: {@code INSERT ... SELECT ... ON CONFLICT (key) DO UPDATE}, or
     * {@code DO NOTHING} when {@code keepExisting}.
     */
    String upsertFromStaging(TargetTable table, List<String> columns, boolean keepExisting);

    /** Drops the staging table. */
    String dropStaging();

    /** The column type to create on the target for a source column type (as {@code format_type} printed it). */
    String columnType(String sourceType, String sourceTypeName);

    /** True when a target column of {@code targetType} holds what a source column of {@code sourceType} holds. */
    boolean sameType(String sourceType, String sourceTypeName, String targetType);

    /** What the target kind is documented to offer in extensions, for the advice when one is missing. */
    ExtensionOffer extensionOffer();

    /** The DDL the sink sends: creating source objects, following the source's schema changes, holding back keys and indexes. */
    DdlStatements ddl();

    /** The statements of sequence sync: creating a sequence, reading and moving its position. */
    SequenceStatements sequences();

    /** The statements on the sink's own state tables in schema {@code pg2polar}. */
    StateStatements state();
}
