package io.pg2polar.common.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The source's watermark table, {@code pg2polar.load_marks}: one row per migration (replication slot) and full-load
 * reader, rewritten before and after each chunk the reader copies (design decision 30). The writes ride the WAL in
 * commit order like any row, so the source task sees where in the change stream each chunk was read. Removed with the
 * DDL capture objects by {@code SELECT pg2polar.uninstall()}.
 */
public final class LoadMarks {

    public static final String TABLE = "load_marks";
    public static final String QUALIFIED_NAME = "pg2polar." + TABLE;

    private static final String CREATE = """
            CREATE SCHEMA IF NOT EXISTS pg2polar;
            CREATE TABLE IF NOT EXISTS pg2polar.load_marks (
                slot_name text NOT NULL,
                reader integer NOT NULL,
                mark text NOT NULL,
                PRIMARY KEY (slot_name, reader));
            COMMENT ON TABLE pg2polar.load_marks IS
                'pg2polar full-load watermarks: rewritten before and after each chunk a reader copies, so the change stream shows where it was read'""";
    private static final String WRITE = """
            INSERT INTO pg2polar.load_marks (slot_name, reader, mark) VALUES (?, ?, ?)
            ON CONFLICT (slot_name, reader) DO UPDATE SET mark = EXCLUDED.mark""";

    private LoadMarks() {
    }

    /**
     * Creates the table unless it exists.
     *
     * @param connection a connection with auto-commit off
     * @throws SQLException naming the privilege and the statement to run when the account may not create it
     */
    public static void ensure(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE);
        }
        catch (SQLException e) {
            throw new SQLException("Cannot create the full load's watermark table " + QUALIFIED_NAME + " on the source (" + e.getMessage()
                    + "). The chunked full load needs it: grant CREATE on the database to the source user, or create it as: " + CREATE,
                    e.getSQLState(), e);
        }
    }

    /** Writes and commits one mark; the connection must be in auto-commit mode. */
    public static void write(Connection connection, String slot, int reader, String mark) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(WRITE)) {
            statement.setString(1, slot);
            statement.setInt(2, reader);
            statement.setString(3, mark);
            statement.executeUpdate();
        }
    }
}
