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

    private DdlCapture() {
    }

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
        try (PreparedStatement known = connection.prepareStatement("""
                INSERT INTO pg2polar.table_state (table_oid, schema_name, table_name, definition)
                SELECT ?, d ->> 'schema', d ->> 'name', d FROM (SELECT pg2polar.full_definition(?::oid) AS d) x WHERE d IS NOT NULL
                ON CONFLICT (table_oid) DO NOTHING""")) {
            for (long oid : tableOids) {
                known.setLong(1, oid);
                known.setLong(2, oid);
                known.addBatch();
            }
            known.executeBatch();
        }
        connection.commit();
        LOG.info("DDL capture installed on the source (event triggers pg2polar_capture_ddl, pg2polar_capture_drop)");
    }

    private static String load() {
        try (InputStream in = DdlCapture.class.getResourceAsStream("ddl-capture.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
