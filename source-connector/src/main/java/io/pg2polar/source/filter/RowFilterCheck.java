package io.pg2polar.source.filter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.connect.errors.ConnectException;

import io.pg2polar.common.precheck.PrecheckFinding;
import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.common.sql.SingleStatement;
import io.pg2polar.common.sql.TableId;

/**
 * Checks each row filter on the live source before anything embeds it, with PostgreSQL's own rules, inside a
 * transaction that is rolled back. First the filter must be one expression ({@link RowFilterSyntax}), and PostgreSQL
 * must read {@code SELECT 1 FROM ONLY <table> WHERE (<filter>)} as one statement ({@link SingleStatement}). Then a
 * publication with the condition is created: PostgreSQL refuses what is not a boolean expression over the row's
 * columns (subqueries, non-immutable or user-defined functions, system columns), so the expression the full load
 * runs on every row has no side effects; the publication must then hold exactly that one table. In validate, an
 * UPDATE and a DELETE of no row follow: PostgreSQL refuses conditions on columns outside the replica identity,
 * which would make the application's UPDATEs fail once the publication exists.
 */
public final class RowFilterCheck {

    private static final String PROBE_PUBLICATION = "pg2polar_row_filter_check";
    private static final String PUBLISHED_TABLES = """
            SELECT count(*) FROM pg_catalog.pg_publication_rel r JOIN pg_catalog.pg_publication p ON p.oid = r.prpubid
            WHERE p.pubname = ?""";

    private RowFilterCheck() {}

    /**
     * For validate: what is wrong with each filter, on its own field.
     *
     * @param selected the tables the migration captures
     */
    public static List<PrecheckFinding> run(Connection connection, RowFilters filters, Set<TableId> selected)
            throws SQLException {
        List<PrecheckFinding> findings = new ArrayList<>();
        if (filters.isEmpty()) {
            return findings;
        }
        int major = connection.getMetaData().getDatabaseMajorVersion();
        for (Map.Entry<TableId, String> filter : filters.conditions().entrySet()) {
            TableId table = filter.getKey();
            String field = RowFilters.keyOf(table);
            if (RowFilters.problemOf(table, filter.getValue()).isPresent()) {
                // reported by validate without a connection; never sent to the server
                continue;
            }
            if (major < 15) {
                findings.add(new PrecheckFinding(
                        field,
                        "Row filters need a PostgreSQL 15 or later source (publication row filters);" + " this one is "
                                + major + ". Remove " + field
                                + " or filter the rows with an SMT in the sink's chain."));
                continue;
            }
            if (!selected.contains(table)) {
                findings.add(new PrecheckFinding(
                        field,
                        "Table " + table + " is not among the migrated tables (it does not exist or the"
                                + " include/exclude lists leave it out); fix the name or the lists."));
                continue;
            }
            checkOne(connection, table, new RowCondition(filter.getValue()), true)
                    .ifPresent(message -> findings.add(new PrecheckFinding(field, message)));
        }
        return findings;
    }

    /**
     * For the task, before any statement embeds a filter: the same checks as validate but the replica identity's
     * (the task may set the identities itself), so a configuration that never went through validate is held to them.
     *
     * @throws org.apache.kafka.common.config.ConfigException when a filter is not one boolean expression
     * @throws ConnectException                               when PostgreSQL refuses a filter
     */
    public static Map<TableId, RowCondition> require(Connection connection, RowFilters filters) throws SQLException {
        Map<TableId, RowCondition> checked = filters.checked();
        if (checked.isEmpty()) {
            return checked;
        }
        int major = connection.getMetaData().getDatabaseMajorVersion();
        for (Map.Entry<TableId, RowCondition> filter : checked.entrySet()) {
            String field = RowFilters.keyOf(filter.getKey());
            if (major < 15) {
                throw new ConnectException(
                        field + ": row filters need a PostgreSQL 15 or later source; this one is " + major);
            }
            Optional<String> problem = checkOne(connection, filter.getKey(), filter.getValue(), false);
            if (problem.isPresent()) {
                throw new ConnectException(field + ": " + problem.get());
            }
        }
        return checked;
    }

    private static Optional<String> checkOne(
            Connection connection, TableId table, RowCondition condition, boolean replicaIdentity) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            SingleStatement.verify(connection, "SELECT 1 FROM ONLY " + table.quoted() + condition.whereClause());
            try (PreparedStatement create =
                    connection.prepareStatement("CREATE PUBLICATION " + Identifiers.quote(PROBE_PUBLICATION)
                            + " FOR TABLE " + table.quoted() + condition.whereClause())) {
                create.execute();
            }
            if (publishedTables(connection) != 1) {
                return Optional.of(
                        "The row filter of " + table + " (" + condition.text() + ") adds to the publication more than"
                                + " one table's condition; a row filter is one boolean expression over its own table.");
            }
            if (replicaIdentity) {
                String column = Identifiers.quote(firstColumn(connection, table));
                try (PreparedStatement update = connection.prepareStatement(
                                "UPDATE " + table.quoted() + " SET " + column + " = " + column + " WHERE false");
                        PreparedStatement delete =
                                connection.prepareStatement("DELETE FROM " + table.quoted() + " WHERE false")) {
                    update.execute();
                    delete.execute();
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            String detail = e.getMessage().replace('\n', ' ');
            return Optional.of("The row filter of " + table + " (" + condition.text() + ") cannot be used: " + detail
                    + ". A row filter must be a boolean expression over the table's own columns, using only immutable built-in"
                    + " functions and operators; for tables that get UPDATEs and DELETEs its columns must be part of the replica"
                    + " identity (the primary key, or ALTER TABLE " + table.quoted() + " REPLICA IDENTITY FULL).");
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static long publishedTables(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(PUBLISHED_TABLES)) {
            statement.setString(1, PROBE_PUBLICATION);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String firstColumn(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT attname FROM pg_catalog.pg_attribute"
                + " WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum LIMIT 1")) {
            statement.setString(1, table.quoted());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
