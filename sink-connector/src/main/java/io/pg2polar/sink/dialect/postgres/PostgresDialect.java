package io.pg2polar.sink.dialect.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

import io.pg2polar.common.extension.ExtensionOffer;
import io.pg2polar.common.extension.PostgresExtensionOffer;
import io.pg2polar.common.sequence.SequenceStatements;
import io.pg2polar.common.sink.TargetDialectName;
import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.catalog.TargetColumn;
import io.pg2polar.sink.catalog.TargetTable;
import io.pg2polar.sink.dialect.DdlStatements;
import io.pg2polar.sink.dialect.StateStatements;
import io.pg2polar.sink.dialect.TargetDialect;

/** The dialect of PostgreSQL targets, and the base of dialects for PostgreSQL-derived databases. */
public class PostgresDialect implements TargetDialect {

    /** The temporary table a chunk goes through when it meets rows already on the target. */
    private static final String STAGING = "pg2polar_staging";

    @Override
    public String name() {
        return TargetDialectName.POSTGRESQL.value();
    }

    @Override
    public int defaultPort() {
        return TargetDialectName.POSTGRESQL.defaultPort();
    }

    @Override
    public void configureSession(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String setting : sessionSettings()) {
                statement.execute(setting);
            }
        }
    }

    /**
     * UTC, ISO dates and full float precision make the text the target prints comparable with the source's.
     * Explicit, because targets differ: PolarDB-O defaults to {@code timezone = PRC} and {@code extra_float_digits = 0}
     * (PolarDB-O parameter documentation, "Oracle-compatibility parameters").
     */
    protected List<String> sessionSettings() {
        return List.of(
                "SET TimeZone = 'UTC'",
                "SET extra_float_digits = 3",
                "SET DateStyle = 'ISO, YMD'",
                "SET IntervalStyle = 'postgres'");
    }

    @Override
    public String upsert(TargetTable table, List<String> columns) {
        String insert = insert(table, columns);
        String conflict = " ON CONFLICT (" + quotedList(table.primaryKey()) + ") DO ";
        List<String> updated = columns.stream()
                .filter(c -> !table.primaryKey().contains(c) && !identityAlways(table, c))
                .toList();
        if (updated.isEmpty()) {
            return insert + conflict + "NOTHING";
        }
        return insert + conflict + "UPDATE SET "
                + updated.stream()
                        .map(c -> Identifiers.quote(c) + " = EXCLUDED." + Identifiers.quote(c))
                        .collect(Collectors.joining(", "));
    }

    @Override
    public String insert(TargetTable table, List<String> columns) {
        return "INSERT INTO " + table.id().quoted() + " (" + quotedList(columns) + ')'
                + (table.hasIdentityAlways() ? " OVERRIDING SYSTEM VALUE" : "")
                + " VALUES ("
                + columns.stream().map(c -> castParameter(table, c)).collect(Collectors.joining(", ")) + ')';
    }

    @Override
    public String updateByKey(TargetTable table, List<String> setColumns) {
        return "UPDATE " + table.id().quoted() + " SET " + assignments(table, setColumns) + " WHERE "
                + table.primaryKey().stream()
                        .map(c -> Identifiers.quote(c) + " = " + castParameter(table, c))
                        .collect(Collectors.joining(" AND "));
    }

    @Override
    public String deleteByKey(TargetTable table) {
        return "DELETE FROM " + table.id().quoted() + " WHERE "
                + table.primaryKey().stream()
                        .map(c -> Identifiers.quote(c) + " = " + castParameter(table, c))
                        .collect(Collectors.joining(" AND "));
    }

    @Override
    public String updateOneMatching(TargetTable table, List<String> setColumns, List<String> matchColumns) {
        return "UPDATE " + table.id().quoted() + " SET " + assignments(table, setColumns) + " WHERE "
                + oneMatchingRow(table, matchColumns);
    }

    @Override
    public String deleteOneMatching(TargetTable table, List<String> matchColumns) {
        return "DELETE FROM " + table.id().quoted() + " WHERE " + oneMatchingRow(table, matchColumns);
    }

    @Override
    public String copyIn(TargetTable table, List<String> columns) {
        return "COPY " + table.id().quoted() + " (" + quotedList(columns) + ") FROM STDIN";
    }

    @Override
    public String truncate(TableId table) {
        return "TRUNCATE TABLE " + table.quoted();
    }

    @Override
    public String deleteAll(TableId table) {
        return "DELETE FROM " + table.quoted();
    }

    @Override
    public String insertIfAbsent(TargetTable table, List<String> columns) {
        return insert(table, columns) + " ON CONFLICT DO NOTHING";
    }

    @Override
    public String anyRow(TableId table) {
        return "SELECT EXISTS (SELECT 1 FROM " + table.quoted() + ")";
    }

    @Override
    public String createStaging(TargetTable table) {
        return "CREATE TEMPORARY TABLE " + STAGING + " (LIKE " + table.id().quoted() + ")";
    }

    @Override
    public String copyIntoStaging(List<String> columns) {
        return "COPY " + STAGING + " (" + quotedList(columns) + ") FROM STDIN";
    }

    @Override
    public String upsertFromStaging(TargetTable table, List<String> columns, boolean keepExisting) {
        String insert = "INSERT INTO " + table.id().quoted() + " (" + quotedList(columns) + ')'
                + (table.hasIdentityAlways() ? " OVERRIDING SYSTEM VALUE" : "") + " SELECT " + quotedList(columns)
                + " FROM " + STAGING;
        List<String> updated = columns.stream()
                .filter(c -> !table.primaryKey().contains(c) && !identityAlways(table, c))
                .toList();
        if (keepExisting || table.primaryKey().isEmpty() || updated.isEmpty()) {
            return insert + " ON CONFLICT DO NOTHING";
        }
        return insert + " ON CONFLICT (" + quotedList(table.primaryKey()) + ") DO UPDATE SET "
                + updated.stream()
                        .map(c -> Identifiers.quote(c) + " = EXCLUDED." + Identifiers.quote(c))
                        .collect(Collectors.joining(", "));
    }

    @Override
    public String dropStaging() {
        return "DROP TABLE " + STAGING;
    }

    @Override
    public String columnType(String sourceType, String sourceTypeName) {
        return sourceType;
    }

    @Override
    public boolean sameType(String sourceType, String sourceTypeName, String targetType) {
        return unquoted(sourceType).equals(unquoted(targetType));
    }

    /** A PostgreSQL server offers the extensions whose files are installed on it. */
    @Override
    public ExtensionOffer extensionOffer() {
        return PostgresExtensionOffer.INSTANCE;
    }

    @Override
    public DdlStatements ddl() {
        return new DdlStatements(this, sequences());
    }

    /** PostgreSQL's sequence statements, which PolarDB-O accepts unchanged. */
    @Override
    public SequenceStatements sequences() {
        return SequenceStatements.POSTGRESQL;
    }

    /** The state-table statements, which PolarDB-O accepts unchanged. */
    @Override
    public StateStatements state() {
        return StateStatements.POSTGRESQL;
    }

    /** Type names compared without the quotes the source's deparser put around identifiers. */
    protected static String unquoted(String type) {
        return type.replace("\"", "").replace("pg_catalog.", "");
    }

    /**
     * Picks one physical row equal to the old image: duplicates in a table without a key are distinguished by
     * nothing else, so touching one of them is exactly what the source did. Values are compared as the target
     * prints them, because json, xml, point and other types have no equality operator; {@code tableoid} keeps
     * {@code ctid} unambiguous in partitioned tables.
     */
    protected String oneMatchingRow(TargetTable table, List<String> matchColumns) {
        return "(tableoid, ctid) = (SELECT tableoid, ctid FROM " + table.id().quoted() + " WHERE "
                + matchColumns.stream()
                        .map(c -> Identifiers.quote(c) + "::text IS NOT DISTINCT FROM " + castParameter(table, c)
                                + "::text")
                        .collect(Collectors.joining(" AND "))
                + " LIMIT 1)";
    }

    /** {@code CAST(? AS type)}: the untyped text parameter is parsed by the column type's input function. */
    protected String castParameter(TargetTable table, String column) {
        String type = table.column(column).map(TargetColumn::type).orElseThrow();
        return "CAST(? AS " + type + ')';
    }

    private String assignments(TargetTable table, List<String> columns) {
        return columns.stream()
                .map(c -> Identifiers.quote(c) + " = " + castParameter(table, c))
                .collect(Collectors.joining(", "));
    }

    /**
     * A GENERATED ALWAYS identity column can only be updated to DEFAULT, so upserts leave it out of their SET
     * list: its value came with the row's insert (OVERRIDING SYSTEM VALUE) and an update of the row keeps it.
     */
    private static boolean identityAlways(TargetTable table, String column) {
        return table.column(column).map(TargetColumn::identityAlways).orElse(false);
    }

    private static String quotedList(List<String> columns) {
        return columns.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }
}
