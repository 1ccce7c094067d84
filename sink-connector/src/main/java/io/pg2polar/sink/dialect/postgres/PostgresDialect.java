package io.pg2polar.sink.dialect.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.catalog.TargetColumn;
import io.pg2polar.sink.catalog.TargetTable;
import io.pg2polar.sink.dialect.TargetDialect;

/** The dialect of PostgreSQL targets, and the base of dialects for PostgreSQL-derived databases. */
public class PostgresDialect implements TargetDialect {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public int defaultPort() {
        return 5432;
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
     * {@code replica} role: FK checks and ordinary triggers do not fire, so rows can arrive in any table order
     * (needs superuser, or on PostgreSQL 15+ {@code GRANT SET ON PARAMETER session_replication_role}).
     * UTC and full float precision make the text the target prints comparable with the source's.
     */
    protected List<String> sessionSettings() {
        return List.of("SET session_replication_role = replica", "SET TimeZone = 'UTC'", "SET extra_float_digits = 3",
                "SET DateStyle = 'ISO, YMD'", "SET IntervalStyle = 'postgres'");
    }

    @Override
    public String upsert(TargetTable table, List<String> columns) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.id().quoted()).append(" (")
                .append(columns.stream().map(Identifiers::quote).collect(Collectors.joining(", "))).append(')');
        if (table.hasIdentityAlways()) {
            sql.append(" OVERRIDING SYSTEM VALUE");
        }
        sql.append(" VALUES (").append(columns.stream().map(c -> castParameter(table, c)).collect(Collectors.joining(", ")))
                .append(") ON CONFLICT (")
                .append(table.primaryKey().stream().map(Identifiers::quote).collect(Collectors.joining(", "))).append(") DO ");
        List<String> updated = columns.stream().filter(c -> !table.primaryKey().contains(c)).toList();
        if (updated.isEmpty()) {
            return sql.append("NOTHING").toString();
        }
        sql.append("UPDATE SET ").append(updated.stream().map(c -> Identifiers.quote(c) + " = EXCLUDED." + Identifiers.quote(c))
                .collect(Collectors.joining(", ")));
        return sql.toString();
    }

    @Override
    public String delete(TargetTable table, List<String> keyColumns) {
        return "DELETE FROM " + table.id().quoted() + " WHERE "
                + keyColumns.stream().map(c -> Identifiers.quote(c) + " = " + castParameter(table, c)).collect(Collectors.joining(" AND "));
    }

    @Override
    public String truncate(TableId table) {
        return "TRUNCATE TABLE " + table.quoted();
    }

    @Override
    public String deleteAll(TableId table) {
        return "DELETE FROM " + table.quoted();
    }

    /** {@code CAST(? AS type)}: the untyped text parameter is parsed by the column type's input function. */
    protected String castParameter(TargetTable table, String column) {
        String type = table.column(column).map(TargetColumn::type).orElseThrow();
        return "CAST(? AS " + type + ')';
    }
}
