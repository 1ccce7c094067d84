package io.pg2polar.common.sequence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.pg2polar.common.jdbc.SqlStates;

/**
 * Moves target sequences up to where the source's are, never back: after a value {@code v} was handed out on
 * the source, the target's next {@code nextval} gives at least {@code v + increment}, so rows inserted on the
 * target after cutover never collide with migrated keys. Creates sequences the target lacks. A sequence the
 * target refuses (bounds narrower than the source's, no privilege, another object under its name) does not stop
 * the others: it is returned as a {@link SequenceRefusal}.
 */
public final class SequenceSync {

    private SequenceSync() {}

    /** What one sync did: how many target sequences moved, and which the target refused. */
    public record Result(int moved, List<SequenceRefusal> refused) {}

    /**
     * Applies the source positions with PostgreSQL's statements, in the caller's transaction (auto-commit off).
     * Sequences the target refuses are rolled back to before them; the rest is applied.
     *
     * @throws SQLException when the connection is lost or a retry may succeed (a lock wait, a serialization
     *                      conflict): nothing of this sync is left applied then
     */
    public static Result apply(Connection target, List<SequenceValue> sources) throws SQLException {
        return apply(target, sources, SequenceStatements.POSTGRESQL);
    }

    /** As {@link #apply(Connection, List)}, with the statements of the target's dialect. */
    public static Result apply(Connection target, List<SequenceValue> sources, SequenceStatements sql)
            throws SQLException {
        Savepoint all = target.setSavepoint();
        try {
            int moved = 0;
            for (SequenceValue source : sources) {
                moved += applyOne(target, source, sql) ? 1 : 0;
            }
            target.releaseSavepoint(all);
            return new Result(moved, List.of());
        } catch (SQLException e) {
            if (SqlStates.isRetriable(e)) {
                throw e;
            }
            target.rollback(all);
        }
        // one by one, each under its own savepoint, to name the refused ones and apply the rest
        int moved = 0;
        List<SequenceRefusal> refused = new ArrayList<>();
        for (SequenceValue source : sources) {
            Savepoint one = target.setSavepoint();
            try {
                moved += applyOne(target, source, sql) ? 1 : 0;
                target.releaseSavepoint(one);
            } catch (SQLException e) {
                if (SqlStates.isRetriable(e)) {
                    throw e;
                }
                target.rollback(one);
                refused.add(new SequenceRefusal(source, e));
            }
        }
        return new Result(moved, refused);
    }

    /** Creates the sequence where missing and moves it up to the source's last value; true when it moved. */
    private static boolean applyOne(Connection target, SequenceValue source, SequenceStatements sql)
            throws SQLException {
        if (!exists(target, source, sql)) {
            try (Statement statement = target.createStatement()) {
                statement.execute(sql.createSchema(source.schema()));
                statement.execute(sql.create(source));
            }
        }
        // a never-called sequence has no last value: the target's, created with the same start, is where it should be
        if (source.lastValue() == null || !behind(target, source, sql)) {
            return false;
        }
        try (PreparedStatement setval = target.prepareStatement(sql.setPosition())) {
            setval.setString(1, sql.name(source));
            setval.setLong(2, source.lastValue());
            setval.execute();
        }
        return true;
    }

    /** True when the target's next value would not pass the source's last one (descending sequences included). */
    private static boolean behind(Connection target, SequenceValue source, SequenceStatements sql) throws SQLException {
        try (Statement statement = target.createStatement();
                ResultSet rs = statement.executeQuery(sql.position(source))) {
            rs.next();
            long targetLast = rs.getLong(1);
            boolean called = rs.getBoolean(2);
            if (!called) {
                return true;
            }
            return source.increment() > 0 ? targetLast < source.lastValue() : targetLast > source.lastValue();
        }
    }

    private static boolean exists(Connection target, SequenceValue source, SequenceStatements sql) throws SQLException {
        try (PreparedStatement statement = target.prepareStatement(sql.exists())) {
            statement.setString(1, sql.name(source));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
