package io.pg2polar.controlplane.verify;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.pg2polar.common.jdbc.SqlStates;
import io.pg2polar.common.sql.TableId;

/**
 * Verifies one table: matches the two sides' columns, then compares by the mode and by whether the table has a
 * primary key. A table missing on a side is DIFFERENT; a table whose statements fail is SKIPPED with the error.
 */
final class TableVerifier {

    private final SideConnection source;
    private final SideConnection target;
    private final VerifyOptions options;
    private final Recheck recheck;
    private final Sample sample;

    TableVerifier(SideConnection source, SideConnection target, VerifyOptions options, Recheck recheck, Sample sample) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.recheck = recheck;
        this.sample = sample;
    }

    TableResult verify(TableId table) {
        try {
            Optional<List<SideColumn>> sourceColumns = TableShapeReader.columns(source, table);
            Optional<List<SideColumn>> targetColumns = TableShapeReader.columns(target, table);
            if (sourceColumns.isEmpty() || targetColumns.isEmpty()) {
                return missing(table, sourceColumns.isPresent(), targetColumns.isPresent());
            }
            TableShape shape = TableShape.match(
                    table, sourceColumns.get(), targetColumns.get(), TableShapeReader.primaryKey(source, table));
            List<String> notes = new ArrayList<>();
            if (!shape.columnNote().isEmpty()) {
                notes.add(shape.columnNote());
            }
            if (shape.problem().isPresent()) {
                notes.add(0, shape.problem().get());
                return new TableResult(
                        table,
                        TableResult.DIFFERENT,
                        count(source, table),
                        count(target, table),
                        List.of(),
                        String.join("; ", notes),
                        0);
            }
            TableSessions sessions = TableSessions.of(source, target, shape, options.polarDbTarget());
            if (options.mode() == VerifyOptions.Mode.COUNT) {
                return CountComparison.run(table, sessions, recheck, notes);
            }
            return shape.hasKey()
                    ? new KeyedComparison(shape, sessions, options.ranges(), recheck, sample).run(notes)
                    : KeylessComparison.run(shape, sessions, recheck, notes);
        } catch (SQLException e) {
            return new TableResult(
                    table,
                    TableResult.SKIPPED,
                    -1,
                    -1,
                    List.of(),
                    "not verified: " + e.getMessage() + " (SQLSTATE " + SqlStates.of(e) + ")",
                    0);
        }
    }

    private TableResult missing(TableId table, boolean onSource, boolean onTarget) throws SQLException {
        String where =
                !onSource && !onTarget ? "on neither side" : !onSource ? "only on the target" : "only on the source";
        return new TableResult(
                table,
                TableResult.DIFFERENT,
                onSource ? count(source, table) : -1,
                onTarget ? count(target, table) : -1,
                List.of(),
                "the table exists " + where,
                0);
    }

    private static long count(SideConnection side, TableId table) throws SQLException {
        return side.queryOne(VerifySql.countOf(table), rs -> rs.getLong(1));
    }
}
