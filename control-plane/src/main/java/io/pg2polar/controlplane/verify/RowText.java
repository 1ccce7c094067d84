package io.pg2polar.controlplane.verify;

import java.util.List;
import java.util.stream.Collectors;

import io.pg2polar.common.sql.Identifiers;

/**
 * Builds the SQL expressions that turn a row, or its key, into text that is equal for equal data on either side.
 * The session settings of {@link SideConnection} fix the output of time, float, interval and bytea values; this class
 * adds PolarDB-O's normalisation. Worked example, a PolarDB-O target and a source table {@code (id bigint, born date,
 * name text)} whose target has {@code born timestamp(0)}:
 *
 * <pre>
 * source: ROW(t."id", t."born", NULLIF(t."name", ''))::text
 * target: ROW(t."id", CAST(t."born" AS pg_catalog.date), NULLIF(t."name", ''))::text
 * </pre>
 */
final class RowText {

    /** The alias every statement gives the verified table. */
    static final String ALIAS = "t";

    private final List<ComparedColumn> columns;
    private final boolean polarDb;

    RowText(List<ComparedColumn> columns, boolean polarDb) {
        this.columns = List.copyOf(columns);
        this.polarDb = polarDb;
    }

    /** The column as stored, qualified by the table alias. */
    static String reference(ComparedColumn column) {
        return ALIAS + '.' + Identifiers.quote(column.name());
    }

    /** The whole row as text: {@code ROW(<value of each column>)::text}. */
    String row(Side side) {
        return columns.stream().map(c -> value(c, side)).collect(Collectors.joining(", ", "ROW(", ")::text"));
    }

    /** One column's value as compared. */
    String value(ComparedColumn column, Side side) {
        String key = keyValue(column, side);
        // PolarDB-O stores '' as NULL, so '' on the source and NULL on the target are the same value there
        return polarDb && column.source().textLike() ? "NULLIF(" + key + ", '')" : key;
    }

    /** A key column's value as compared; keys are never NULL, so only the type is normalised. */
    String keyValue(ComparedColumn column, Side side) {
        String reference = reference(column);
        // PolarDB-O creates DATE as TIMESTAMP(0): midnight on the target is the source's date
        if (polarDb
                && side == Side.TARGET
                && column.source().typeOid() == SideColumn.DATE_OID
                && column.target().typeOid() != SideColumn.DATE_OID) {
            return "CAST(" + reference + " AS pg_catalog.date)";
        }
        return reference;
    }

    /** A key column's value as text, for naming the key and matching it across sides. */
    String keyText(ComparedColumn column, Side side) {
        return "CAST(" + keyValue(column, side) + " AS text)";
    }
}
