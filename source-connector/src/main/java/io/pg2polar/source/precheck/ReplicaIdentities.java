package io.pg2polar.source.precheck;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.relational.TableId;

/** With {@code replica.identity.autoset}, gives every captured table that lacks one a replica identity at start. */
public final class ReplicaIdentities {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaIdentities.class);

    private ReplicaIdentities() {}

    /** Runs the statements the precheck lists; returns them. */
    public static List<String> setMissing(Connection connection, List<TableId> tables) throws SQLException {
        List<String> statements = SourceChecks.replicaIdentityStatements(connection, tables);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
                LOG.info("replica.identity.autoset: {}", sql);
            }
        }
        return statements;
    }
}
