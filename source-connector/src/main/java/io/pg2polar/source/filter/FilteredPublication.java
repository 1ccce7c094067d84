package io.pg2polar.source.filter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.sql.Identifiers;
import io.pg2polar.common.sql.TableId;

/**
 * The publication of a migration with row filters, which pg2polar creates itself (Debezium's auto-created
 * publications carry no WHERE clauses): every captured table, the filtered ones with their condition, plus
 * pg2polar's own tables. On each start it is set to the current list, so filters changed in the configuration
 * take effect.
 */
public final class FilteredPublication {

    private static final Logger LOG = LoggerFactory.getLogger(FilteredPublication.class);

    private FilteredPublication() {}

    /**
     * @param tables     the captured tables, pg2polar's own included
     * @param conditions the row filters by table, as {@link RowFilterCheck#require} checked them
     */
    public static void ensure(
            Connection connection,
            String publication,
            Collection<TableId> tables,
            Map<TableId, RowCondition> conditions)
            throws SQLException {
        StringJoiner list = new StringJoiner(", ");
        for (TableId table : tables) {
            RowCondition condition = conditions.get(table);
            list.add(condition == null ? table.quoted() : table.quoted() + condition.whereClause());
        }
        boolean exists;
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            statement.setString(1, publication);
            try (ResultSet rs = statement.executeQuery()) {
                exists = rs.next();
            }
        }
        // extended protocol: pgjdbc sends the text as one Parse message (it would split it only at a ';' outside
        // literals,
        // which a checked condition has none of), and PostgreSQL refuses a Parse message holding several statements
        try (PreparedStatement statement = connection.prepareStatement((exists
                        ? "ALTER PUBLICATION " + Identifiers.quote(publication) + " SET TABLE "
                        : "CREATE PUBLICATION " + Identifiers.quote(publication) + " FOR TABLE ")
                + list)) {
            statement.execute();
        }
        LOG.info(
                "Publication {} publishes {} tables, {} of them filtered by row",
                publication,
                tables.size(),
                conditions.size());
    }
}
