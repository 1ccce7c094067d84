package io.pg2polar.common.sequence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.pg2polar.common.sql.Identifiers;

/**
 * Moves target sequences up to where the source's are, never back: after a value {@code v} was handed out on
 * the source, the target's next {@code nextval} gives at least {@code v + increment}, so rows inserted on the
 * target after cutover never collide with migrated keys. Creates sequences the target lacks.
 */
public final class SequenceSync {

    private SequenceSync() {
    }

    /**
     * Applies the source positions in the caller's transaction.
     *
     * @return how many target sequences moved
     */
    public static int apply(Connection target, List<SequenceValue> sources) throws SQLException {
        int moved = 0;
        for (SequenceValue source : sources) {
            String name = Identifiers.qualify(source.schema(), source.name());
            if (!exists(target, name)) {
                create(target, source, name);
            }
            if (source.lastValue() != null && behind(target, name, source)) {
                try (PreparedStatement setval = target.prepareStatement("SELECT pg_catalog.setval(?::regclass, ?, true)")) {
                    setval.setString(1, name);
                    setval.setLong(2, source.lastValue());
                    setval.execute();
                }
                moved++;
            }
        }
        return moved;
    }

    /** True when the target's next value would not pass the source's last one (descending sequences included). */
    private static boolean behind(Connection target, String name, SequenceValue source) throws SQLException {
        try (Statement statement = target.createStatement();
                ResultSet rs = statement.executeQuery("SELECT last_value, is_called FROM " + name)) {
            rs.next();
            long targetLast = rs.getLong(1);
            boolean called = rs.getBoolean(2);
            if (!called) {
                return true;
            }
            return source.increment() > 0 ? targetLast < source.lastValue() : targetLast > source.lastValue();
        }
    }

    private static boolean exists(Connection target, String name) throws SQLException {
        try (PreparedStatement statement = target.prepareStatement("SELECT pg_catalog.to_regclass(?) IS NOT NULL")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void create(Connection target, SequenceValue source, String name) throws SQLException {
        try (Statement statement = target.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(source.schema()));
            statement.execute("CREATE SEQUENCE IF NOT EXISTS " + name + " AS " + source.dataType() + " INCREMENT BY " + source.increment()
                    + " MINVALUE " + source.min() + " MAXVALUE " + source.max() + " START WITH " + source.start() + " CACHE " + source.cache()
                    + (source.cycle() ? " CYCLE" : " NO CYCLE"));
        }
    }
}
