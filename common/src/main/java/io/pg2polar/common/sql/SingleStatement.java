package io.pg2polar.common.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.util.PSQLException;

/**
 * PostgreSQL's own word that a text is exactly one statement, before anything embeds it: the text travels as a bind
 * parameter and PL/pgSQL opens a cursor on it, and a cursor takes one statement only; more are refused after parsing
 * and before anything runs ({@code cannot open multi-query plan as cursor}). The cursor is closed unread, so the
 * statement is parsed and planned, never executed.
 */
public final class SingleStatement {

    private static final String SETTING = "pg2polar.single_statement_probe";
    private static final String OPEN_AND_CLOSE = """
            DO $probe$
            DECLARE
                probe refcursor;
            BEGIN
                OPEN probe FOR EXECUTE current_setting('pg2polar.single_statement_probe');
                CLOSE probe;
            END
            $probe$""";
    /** PostgreSQL's invalid_cursor_definition, what the cursor answers to several statements. */
    private static final String SEVERAL_STATEMENTS = "42P11";

    private SingleStatement() {}

    /**
     * @param connection a connection inside a transaction (auto-commit off): the text is held in a setting local to it
     * @param sql        a query (SELECT) built around configuration text
     * @throws SQLException when PostgreSQL reads more than one statement, or cannot parse or plan it
     */
    public static void verify(Connection connection, String sql) throws SQLException {
        try (PreparedStatement hold = connection.prepareStatement("SELECT pg_catalog.set_config(?, ?, true)")) {
            hold.setString(1, SETTING);
            hold.setString(2, sql);
            hold.execute();
        }
        try (Statement probe = connection.createStatement()) {
            probe.execute(OPEN_AND_CLOSE);
        } catch (SQLException e) {
            // the server's message alone: the PL/pgSQL context of the probe would only confuse whoever reads it
            String message = e instanceof PSQLException server && server.getServerErrorMessage() != null
                    ? server.getServerErrorMessage().getMessage()
                    : e.getMessage();
            throw new SQLException(
                    SEVERAL_STATEMENTS.equals(e.getSQLState())
                            ? "PostgreSQL reads it as more than one statement"
                            : message,
                    e.getSQLState(),
                    e);
        }
    }
}
