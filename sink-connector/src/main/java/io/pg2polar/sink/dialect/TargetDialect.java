package io.pg2polar.sink.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.catalog.TargetTable;

/**
 * Everything that differs between target databases: session setup and the SQL the sink writes. Statements
 * take every value as an untyped text parameter cast to the column's type, so the target's own input
 * functions parse what the source's output functions printed. Implementations never return null.
 */
public interface TargetDialect {

    /** The {@code target.dialect} value that selects this dialect. */
    String name();

    /** The port the target listens on unless told otherwise. */
    int defaultPort();

    /**
     * Prepares a new session for applying changes: suspends FK checks and triggers, fixes the time zone and
     * float output so values round-trip.
     *
     * @throws SQLException with a message naming the missing privilege when the target refuses a setting
     */
    void configureSession(Connection connection) throws SQLException;

    /** {@code INSERT ... ON CONFLICT (key) DO UPDATE} of the given columns, one parameter per column. */
    String upsert(TargetTable table, List<String> columns);

    /** {@code DELETE ... WHERE} each key column equals its parameter. */
    String delete(TargetTable table, List<String> keyColumns);

    /** {@code TRUNCATE} of one table. */
    String truncate(TableId table);

    /** {@code DELETE} of every row of one table: the way to empty a table that TRUNCATE refuses. */
    String deleteAll(TableId table);
}
