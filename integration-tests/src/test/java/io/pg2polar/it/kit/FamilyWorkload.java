package io.pg2polar.it.kit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The application of {@link FamilyTables}: inserts (a parent with children and grandchildren), updates and
 * deletes (cascading) across the three tables, several statements per transaction.
 */
public final class FamilyWorkload implements LiveWriter.Workload {

    private long maxParent = 1;
    private long maxChild = 1;
    private long maxGrandchild = 1;
    private boolean initialised;

    @Override
    public void writeOne(Connection connection) throws SQLException {
        if (!initialised) {
            refreshMaxIds(connection);
            initialised = true;
        }
        int choice = ThreadLocalRandom.current().nextInt(100);
        if (choice < 30) {
            insertFamily(connection);
        } else if (choice < 75) {
            updateSome(connection);
        } else {
            deleteSome(connection);
        }
    }

    private void insertFamily(Connection connection) throws SQLException {
        long parentId;
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO parent (name, amount, created_at, active, attrs, payload, ref)
                VALUES ('live ' || ?, ?::numeric / 100, now(), ?, jsonb_build_object('live', ?), decode(md5(?::text), 'hex'), gen_random_uuid())
                RETURNING id""")) {
            long n = ThreadLocalRandom.current().nextLong(1_000_000);
            insert.setLong(1, n);
            insert.setLong(2, n);
            insert.setBoolean(3, n % 3 == 0);
            insert.setLong(4, n);
            insert.setLong(5, n);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                parentId = rs.getLong(1);
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    WITH c AS (
                        INSERT INTO child (parent_id, label, price, updated_at, done, flags, blob, token)
                        SELECT %1$d, 'live child ' || k, k * 3.5, now(), false, '{"live": true}', '\\x0102', gen_random_uuid()
                        FROM generate_series(1, 2) k RETURNING id)
                    INSERT INTO grandchild (child_id, note, big, measured_at, ok, doc, raw, uid)
                    SELECT id, 'live grandchild', id * 7, now(), true, '[1, 2, 3]', NULL, gen_random_uuid() FROM c
                    """.formatted(parentId));
        }
        refreshMaxIds(connection);
    }

    private void updateSome(Connection connection) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE parent SET amount = amount + 1.5, active = NOT coalesce(active, false),"
                    + " attrs = attrs || '{\"touched\": true}' WHERE id = " + random.nextLong(1, maxParent + 1));
            statement.executeUpdate("UPDATE child SET label = label || '+', price = price * 2, updated_at = now(),"
                    + " blob = blob || '\\xff'::bytea WHERE id = " + random.nextLong(1, maxChild + 1));
            long first = random.nextLong(1, maxGrandchild + 1);
            statement.executeUpdate(
                    "UPDATE grandchild SET note = 'updated ' || now(), big = big - 1, uid = gen_random_uuid()"
                            + " WHERE id BETWEEN " + first + " AND " + (first + random.nextInt(5)));
        }
    }

    private void deleteSome(Connection connection) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Statement statement = connection.createStatement()) {
            int which = random.nextInt(10);
            if (which == 0) {
                statement.executeUpdate("DELETE FROM parent WHERE id = " + random.nextLong(1, maxParent + 1));
            } else if (which < 4) {
                statement.executeUpdate("DELETE FROM child WHERE id = " + random.nextLong(1, maxChild + 1));
            } else {
                statement.executeUpdate("DELETE FROM grandchild WHERE id = " + random.nextLong(1, maxGrandchild + 1));
            }
        }
    }

    private void refreshMaxIds(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT (SELECT coalesce(max(id), 1) FROM parent), (SELECT coalesce(max(id), 1) FROM child),"
                                + " (SELECT coalesce(max(id), 1) FROM grandchild)")) {
            rs.next();
            maxParent = rs.getLong(1);
            maxChild = rs.getLong(2);
            maxGrandchild = rs.getLong(3);
        }
    }
}
