package io.pg2polar.source.filter;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pg2polar.common.precheck.PrecheckFinding;
import io.pg2polar.common.sql.TableId;

/**
 * Checks each row filter on the live source before anything is created, with PostgreSQL's own rules: inside a
 * transaction that is rolled back, a publication with the condition is created (PostgreSQL refuses what is not a
 * boolean expression over the row's columns: subqueries, non-immutable or user-defined functions, system columns)
 * and an UPDATE and a DELETE of no row are run (PostgreSQL refuses conditions on columns outside the replica identity,
 * which would make the application's UPDATEs fail once the publication exists).
 */
public final class RowFilterCheck {

    private RowFilterCheck() {
    }

    /**
     * @param selected the tables the migration captures
     */
    public static List<PrecheckFinding> run(Connection connection, RowFilters filters, Set<TableId> selected) throws SQLException {
        List<PrecheckFinding> findings = new ArrayList<>();
        if (filters.isEmpty()) {
            return findings;
        }
        int major = connection.getMetaData().getDatabaseMajorVersion();
        for (Map.Entry<TableId, String> filter : filters.conditions().entrySet()) {
            TableId table = filter.getKey();
            String field = RowFilters.keyOf(table);
            if (major < 15) {
                findings.add(new PrecheckFinding(field, "Row filters need a PostgreSQL 15 or later source (publication row filters);"
                        + " this one is " + major + ". Remove " + field + " or filter the rows with an SMT in the sink's chain."));
                continue;
            }
            if (!selected.contains(table)) {
                findings.add(new PrecheckFinding(field, "Table " + table + " is not among the migrated tables (it does not exist or the"
                        + " include/exclude lists leave it out); fix the name or the lists."));
                continue;
            }
            if (filter.getValue().isBlank()) {
                findings.add(new PrecheckFinding(field, "The row filter of " + table + " is empty; give a condition such as amount > 100,"
                        + " or remove " + field + "."));
                continue;
            }
            checkOne(connection, table, filter.getValue()).ifPresent(message -> findings.add(new PrecheckFinding(field, message)));
        }
        return findings;
    }

    private static java.util.Optional<String> checkOne(Connection connection, TableId table, String condition) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE PUBLICATION pg2polar_row_filter_check FOR TABLE " + table.quoted() + " WHERE (" + condition + ")");
            statement.execute("UPDATE " + table.quoted() + " SET " + firstColumn(connection, table) + " = " + firstColumn(connection, table)
                    + " WHERE false");
            statement.execute("DELETE FROM " + table.quoted() + " WHERE false");
            return java.util.Optional.empty();
        }
        catch (SQLException e) {
            String detail = e.getMessage().replace('\n', ' ');
            return java.util.Optional.of("The row filter of " + table + " (" + condition + ") cannot be used: " + detail
                    + ". A row filter must be a boolean expression over the table's own columns, using only immutable built-in"
                    + " functions and operators; for tables that get UPDATEs and DELETEs its columns must be part of the replica"
                    + " identity (the primary key, or ALTER TABLE " + table.quoted() + " REPLICA IDENTITY FULL).");
        }
        finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String firstColumn(Connection connection, TableId table) throws SQLException {
        try (Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery("SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = '"
                     + table.quoted().replace("'", "''") + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum LIMIT 1")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
