package io.pg2polar.it.kit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.servers.postgres.PostgresServer;

/**
 * A table without a primary key whose rows repeat: {@code REPLICA IDENTITY FULL}, several identical rows per
 * value, and a workload that inserts duplicates and updates or deletes one row among identical ones - the case
 * where DTS documents duplicates on the target.
 */
public final class KeylessLogTable implements LiveWriter.Workload {

    public static final TableId TABLE = new TableId("public", "event_log");

    private static final String DDL = """
            CREATE TABLE event_log (kind text, n integer, payload jsonb, at timestamptz);
            ALTER TABLE event_log REPLICA IDENTITY FULL;
            """;

    /** Creates the table; on the source it is also filled with {@code groups} groups of 3 identical rows. */
    public static void create(PostgresServer server, String database, int groups) {
        server.execute(database, DDL);
        if (groups > 0) {
            server.execute(database, """
                    INSERT INTO event_log
                    SELECT 'kind' || (g %% 10), g %% 7, jsonb_build_object('g', g %% 5), timestamptz '2024-06-01 00:00:00+00' + (g %% 3) * interval '1 hour'
                    FROM generate_series(1, %d) g, generate_series(1, 3) copy
                    """.formatted(groups));
        }
    }

    @Override
    public void writeOne(Connection connection) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String kind = "'kind" + random.nextInt(10) + "'";
        try (Statement statement = connection.createStatement()) {
            switch (random.nextInt(3)) {
                case 0 ->
                    statement.execute("INSERT INTO event_log SELECT " + kind
                            + ", 1, '{\"dup\": true}', now() FROM generate_series(1, 2)");
                case 1 ->
                    statement.execute(
                            "UPDATE event_log SET n = n + 1 WHERE ctid = (SELECT ctid FROM event_log WHERE kind = "
                                    + kind + " LIMIT 1)");
                default ->
                    statement.execute("DELETE FROM event_log WHERE ctid = (SELECT ctid FROM event_log WHERE kind = "
                            + kind + " LIMIT 1)");
            }
        }
    }
}
