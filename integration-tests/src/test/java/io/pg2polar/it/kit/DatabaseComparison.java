package io.pg2polar.it.kit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.servers.postgres.PostgresServer;

/**
 * Compares every row of tables on two databases: each row's text output ({@code t::text}, every column through
 * its type's output function, in UTC with full float precision), sorted, compared as lists. Equal lists mean
 * equal tables as multisets of rows, for tables with or without keys.
 */
public final class DatabaseComparison {

    private static final List<String> SESSION = List.of(
            "SET TimeZone = 'UTC'",
            "SET extra_float_digits = 3",
            "SET DateStyle = 'ISO, YMD'",
            "SET IntervalStyle = 'postgres'",
            "SET bytea_output = 'hex'");

    private DatabaseComparison() {}

    /** One side of a comparison: a database on a server. */
    public record Side(PostgresServer server, String database) {}

    /** Every row of a table as text, sorted. */
    public static List<String> rows(Side side, TableId table) {
        try (Connection connection = side.server().connect(side.database());
                Statement statement = connection.createStatement()) {
            for (String setting : SESSION) {
                statement.execute(setting);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT t::text FROM " + table.quoted() + " t")) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            Collections.sort(rows);
            return rows;
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                throw new MissingTableException(table + " does not exist in " + side.database());
            }
            throw new IllegalStateException(
                    "Cannot read " + table + " from " + side.database() + ": " + e.getMessage(), e);
        }
    }

    /** The table is not there (yet). */
    public static final class MissingTableException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        MissingTableException(String message) {
            super(message);
        }
    }

    /**
     * Waits until every table holds the same rows on both sides, then returns; on timeout fails with the
     * differences of each table that still differs.
     */
    public static void awaitIdentical(Side source, Side target, List<TableId> tables, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<TableId, String> differences = new HashMap<>();
        do {
            differences.clear();
            for (TableId table : tables) {
                try {
                    difference(table, rows(source, table), rows(target, table))
                            .ifPresent(d -> differences.put(table, d));
                } catch (MissingTableException e) {
                    differences.put(table, e.getMessage());
                }
            }
            if (differences.isEmpty()) {
                return;
            }
            Await.pause(Duration.ofMillis(500));
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("Target still differs from source after " + timeout + ":\n"
                + differences.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("\n")));
    }

    /** Asserts, once, that the tables are identical. */
    public static void assertIdentical(Side source, Side target, List<TableId> tables) {
        awaitIdentical(source, target, tables, Duration.ZERO);
    }

    private static java.util.Optional<String> difference(
            TableId table, List<String> sourceRows, List<String> targetRows) {
        if (sourceRows.equals(targetRows)) {
            return java.util.Optional.empty();
        }
        List<String> missing = new ArrayList<>(sourceRows);
        missing.removeAll(new java.util.HashSet<>(targetRows));
        List<String> extra = new ArrayList<>(targetRows);
        extra.removeAll(new java.util.HashSet<>(sourceRows));
        return java.util.Optional.of(String.format(
                "source %d rows, target %d rows; missing on target %d (e.g. %s); extra on target %d (e.g. %s)",
                sourceRows.size(), targetRows.size(), missing.size(), head(missing), extra.size(), head(extra)));
    }

    private static List<String> head(List<String> rows) {
        return rows.subList(0, Math.min(3, rows.size()));
    }
}
