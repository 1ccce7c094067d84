package io.pg2polar.source.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pg2polar.common.extension.ExtensionNeed;
import io.pg2polar.common.schema.ExtensionDefinition;
import io.pg2polar.common.schema.TableDefinition;
import io.pg2polar.common.sql.TableId;

/** The extensions captured tables need on the target, read from their definitions as schema migration sends them. */
public final class TableExtensions {

    private TableExtensions() {}

    /**
     * @param tableOids the tables' OIDs
     * @return every extension once, after those it requires, with the tables that need it (a partition needs its parent's)
     */
    public static List<ExtensionNeed> read(Connection connection, Iterable<Long> tableOids) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<Long> oids = new ArrayList<>();
            tableOids.forEach(oids::add);
            Map<TableId, List<ExtensionDefinition>> byTable = new LinkedHashMap<>();
            for (TableDefinition definition :
                    TableDefinitionReader.readAll(connection, oids).values()) {
                List<ExtensionDefinition> extensions = new ArrayList<>();
                for (TableDefinition d = definition; d != null; d = d.parent()) {
                    extensions.addAll(d.extensions());
                }
                if (!extensions.isEmpty()) {
                    byTable.put(definition.id(), extensions);
                }
            }
            return ExtensionNeed.of(byTable);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
