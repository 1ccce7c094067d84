package io.pg2polar.sink.fk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.dialect.DdlStatements;
import io.pg2polar.sink.dialect.StateStatements;

/**
 * The fallback for a target account that may not set {@code session_replication_role} (a database owner that
 * is not superuser, the usual case on managed targets): the target's foreign keys are dropped and its enabled
 * user triggers disabled, with their definitions kept in {@code pg2polar.held_foreign_keys} and
 * {@code pg2polar.held_triggers}. {@code SELECT pg2polar.restore_foreign_keys()} re-creates the keys
 * {@code NOT VALID}, validates them and re-enables the triggers at cutover. Idempotent: a restart holds back
 * whatever exists again.
 */
public final class HeldBackForeignKeys implements ForeignKeySuspension {

    private static final Logger LOG = LoggerFactory.getLogger(HeldBackForeignKeys.class);
    /** Arbitrary, fixed: serialises hold-back by several sink tasks at once. */
    private static final long HOLD_LOCK = 0x7067_3270_666b_6873L;

    private static final String USER_SCHEMAS =
            "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg2polar') AND n.nspname NOT LIKE 'pg\\_%'";

    private static final String FOREIGN_KEYS = """
            SELECT n.nspname, c.relname, con.conname, pg_catalog.pg_get_constraintdef(con.oid), con.convalidated
            FROM pg_catalog.pg_constraint con
            JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE con.contype = 'f' AND con.conparentid = 0 AND\s""" + USER_SCHEMAS;
    private static final String USER_TRIGGERS = """
            SELECT n.nspname, c.relname, t.tgname
            FROM pg_catalog.pg_trigger t
            JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND t.tgparentid = 0 AND\s""" + USER_SCHEMAS;

    private final DdlStatements ddl;
    private final StateStatements state;

    /**
     * @param ddl   the dialect's DDL, for dropping the keys and disabling the triggers
     * @param state the dialect's statements on the state tables, for keeping what was held back
     */
    public HeldBackForeignKeys(DdlStatements ddl, StateStatements state) {
        this.state = state;
        this.ddl = ddl;
    }

    @Override
    public void prepareTarget(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, HOLD_LOCK);
            lock.execute();
        }
        int keys = holdForeignKeys(connection);
        int triggers = holdTriggers(connection);
        connection.commit();
        if (keys + triggers > 0) {
            LOG.warn(
                    "Held back {} foreign keys and disabled {} user triggers on the target; run SELECT pg2polar.restore_foreign_keys()"
                            + " at cutover to re-create and validate them",
                    keys,
                    triggers);
        }
    }

    private int holdForeignKeys(Connection connection) throws SQLException {
        List<String[]> keys = query(connection, FOREIGN_KEYS, 5);
        try (PreparedStatement remember = connection.prepareStatement(state.recordHeldForeignKey());
                Statement drop = connection.createStatement()) {
            for (String[] key : keys) {
                String definition = key[3].endsWith(" NOT VALID")
                        ? key[3].substring(0, key[3].length() - " NOT VALID".length())
                        : key[3];
                remember.setString(1, key[0]);
                remember.setString(2, key[1]);
                remember.setString(3, key[2]);
                remember.setString(4, definition);
                remember.setBoolean(5, "t".equals(key[4]));
                remember.executeUpdate();
                drop.execute(ddl.dropExistingConstraint(new TableId(key[0], key[1]), key[2]));
            }
        }
        return keys.size();
    }

    private int holdTriggers(Connection connection) throws SQLException {
        List<String[]> triggers = query(connection, USER_TRIGGERS, 3);
        try (PreparedStatement remember = connection.prepareStatement(state.recordHeldTrigger());
                Statement disable = connection.createStatement()) {
            for (String[] trigger : triggers) {
                remember.setString(1, trigger[0]);
                remember.setString(2, trigger[1]);
                remember.setString(3, trigger[2]);
                remember.executeUpdate();
                disable.execute(ddl.disableTrigger(new TableId(trigger[0], trigger[1]), trigger[2]));
            }
        }
        return triggers.size();
    }

    private static List<String[]> query(Connection connection, String sql, int columns) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getString(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Override
    public void onSessionOpen(Connection connection) {
        // the keys are gone for the duration; sessions need nothing
    }

    @Override
    public boolean holdsBack() {
        return true;
    }

    @Override
    public String describe() {
        return "foreign keys held back and user triggers disabled until SELECT pg2polar.restore_foreign_keys()";
    }
}
