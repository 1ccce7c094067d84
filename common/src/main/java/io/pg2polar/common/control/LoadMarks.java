package io.pg2polar.common.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.pg2polar.common.sql.Identifiers;

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

    private LoadMarks() {}

    /**
     * Creates the table unless it exists and the account may write it (an owner may have made it for an account without
     * CREATE on the database: creating the schema, even {@code IF NOT EXISTS}, needs that privilege).
     *
     * @param connection a connection with auto-commit off
     * @throws SQLException naming the privilege and the statements to run when the account may not create it
     */
    public static void ensure(Connection connection) throws SQLException {
        if (writable(connection)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE);
        } catch (SQLException e) {
            throw new SQLException(
                    "Cannot create the full load's watermark table " + QUALIFIED_NAME + " on the source ("
                            + e.getMessage()
                            + "). The chunked full load needs it: grant CREATE on the database to the source user, or create it as an owner ("
                            + CREATE + ") and GRANT USAGE ON SCHEMA pg2polar and SELECT, INSERT, UPDATE ON "
                            + QUALIFIED_NAME
                            + " to the source user; a publication you manage must publish it too",
                    e.getSQLState(),
                    e);
        }
    }

    /**
     * Why the publication cannot carry the watermarks, or null when it can (or does not exist yet: the connector
     * creates it with the table): without them no chunk ever goes out.
     */
    public static String publicationProblem(Connection connection, String publication) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_publication_tables
                               WHERE pubname = p.pubname AND schemaname = 'pg2polar' AND tablename = 'load_marks')
                FROM pg_catalog.pg_publication p WHERE p.pubname = ?""")) {
            statement.setString(1, publication);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next() || rs.getBoolean(1)) {
                    return null;
                }
            }
        }
        return "Publication '" + publication + "' does not publish " + QUALIFIED_NAME
                + ", where the chunked full load writes the watermarks"
                + " that place its chunks in the change stream: without them no chunk is ever sent. As the publication's owner, run"
                + " ALTER PUBLICATION " + Identifiers.quote(publication) + " ADD TABLE " + QUALIFIED_NAME;
    }

    private static boolean writable(Connection connection) throws SQLException {
        // by OID: a name lookup in a schema the account may not use would fail instead of answering false
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                SELECT has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE')
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'pg2polar' AND c.relname = 'load_marks'""")) {
            return rs.next() && rs.getBoolean(1);
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
