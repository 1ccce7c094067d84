package io.pg2polar.source.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs DDL capture on the source ({@code ddl-capture.sql}): event triggers that write each table's
 * definition after a DDL into {@code pg2polar.ddl_log}, which rides the WAL with the rows. Idempotent, so every
 * task start runs it; {@code SELECT pg2polar.uninstall()} removes it all.
 */
public final class DdlCapture {

    private static final Logger LOG = LoggerFactory.getLogger(DdlCapture.class);
    /** Arbitrary, fixed: serialises installs by migrations sharing a source database. */
    private static final long INSTALL_LOCK = 0x7067_3270_6464_6c63L;

    private static final String SCRIPT = load().replace("%TABLE_DEFINITION%", TableDefinitionReader.QUERY);

    private DdlCapture() {}

    /**
     * Installs (or refreshes) the capture objects and records the current definition of the given tables that
     * capture has not seen yet, so the first DDL on them has a "before" to compare with.
     *
     * @param connection a superuser connection with auto-commit off
     */
    public static void install(Connection connection, Collection<Long> tableOids) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + INSTALL_LOCK + ")");
            statement.execute(SCRIPT);
        }
        // one statement for all tables: a batch of one INSERT per table re-planned the definition query each time,
        // and MATERIALIZED computes each definition once, not once per use (2,000 tables: 1 s instead of 8)
        try (PreparedStatement known = connection.prepareStatement("""
                WITH unseen AS MATERIALIZED (
                    SELECT t.oid, pg2polar.full_definition(t.oid::oid) AS d
                    FROM unnest(CAST(? AS bigint[])) AS t (oid)
                    WHERE NOT EXISTS (SELECT 1 FROM pg2polar.table_state s WHERE s.table_oid = t.oid))
                INSERT INTO pg2polar.table_state (table_oid, schema_name, table_name, definition)
                SELECT oid, d ->> 'schema', d ->> 'name', d FROM unseen WHERE d IS NOT NULL
                ON CONFLICT (table_oid) DO NOTHING""")) {
            known.setArray(1, connection.createArrayOf("int8", tableOids.toArray()));
            known.executeUpdate();
        }
        connection.commit();
        LOG.info("DDL capture installed on the source (event triggers pg2polar_capture_ddl, pg2polar_capture_drop)");
    }

    private static String load() {
        try (InputStream in = DdlCapture.class.getResourceAsStream("ddl-capture.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
