package io.pg2polar.source.filter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
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

    private FilteredPublication() {
    }

    /**
     * @param tables    the captured tables, pg2polar's own included
     * @param filters   the row filters by table
     */
    public static void ensure(Connection connection, String publication, Collection<TableId> tables, RowFilters filters) throws SQLException {
        StringJoiner list = new StringJoiner(", ");
        for (TableId table : tables) {
            String condition = filters.conditions().get(table);
            list.add(condition == null ? table.quoted() : table.quoted() + " WHERE (" + condition + ")");
        }
        boolean exists;
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            statement.setString(1, publication);
            try (ResultSet rs = statement.executeQuery()) {
                exists = rs.next();
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute((exists ? "ALTER PUBLICATION " + Identifiers.quote(publication) + " SET TABLE "
                    : "CREATE PUBLICATION " + Identifiers.quote(publication) + " FOR TABLE ") + list);
        }
        LOG.info("Publication {} publishes {} tables, {} of them filtered by row", publication, tables.size(), filters.conditions().size());
    }
}
