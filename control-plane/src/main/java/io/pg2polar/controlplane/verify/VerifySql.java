package io.pg2polar.controlplane.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.pg2polar.common.sql.TableId;

/**
 * Builds every statement verification runs on one side for one table. Keys travel as text and are cast to this
 * side's column types; text key columns are ordered with {@code COLLATE "C"}, so both servers order and split the
 * key space alike whatever their locales.
 */
final class VerifySql {

    private static final String C = " COLLATE \"C\"";

    private final TableShape shape;
    private final Side side;
    private final RowText text;

    VerifySql(TableShape shape, Side side, boolean polarDb) {
        this.shape = shape;
        this.side = side;
        this.text = new RowText(shape.columns(), polarDb);
    }

    SqlQuery count() {
        return countOf(shape.table());
    }

    /** The row count of any table, for tables whose columns cannot be compared. */
    static SqlQuery countOf(TableId table) {
        return new SqlQuery("SELECT count(*) FROM " + table.quoted(), List.of());
    }

    /** The stored key {@code offset} rows past {@code after} (or past the start when null), in key order. */
    SqlQuery keyAfter(List<String> after, long offset) {
        List<Object> params = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (after != null) {
            conditions.add(compareKey(">", after, params));
        }
        params.add(offset);
        String keys = shape.key().stream()
                .map(c -> "CAST(" + RowText.reference(c) + " AS text)")
                .collect(Collectors.joining(", "));
        return new SqlQuery(
                "SELECT " + keys + " FROM " + from() + where(conditions) + " ORDER BY " + keyOrder()
                        + " OFFSET ? LIMIT 1",
                params);
    }

    /** Row count and checksum of one key range: the md5 of the rows' md5s in key order. */
    SqlQuery rangeChecksum(KeyRange range, Sample sample) {
        List<Object> params = new ArrayList<>();
        String where = where(rangeConditions(range, sample, params));
        // md5 per row first keeps the aggregate at 32 bytes a row, however wide the rows
        return new SqlQuery(
                "SELECT count(*), md5(string_agg(md5(" + text.row(side) + "), '' ORDER BY " + keyOrder() + ")) FROM "
                        + from() + where,
                params);
    }

    /** Each key of a range as text with the md5 of its row. */
    SqlQuery rangeFingerprints(KeyRange range, Sample sample) {
        List<Object> params = new ArrayList<>();
        String where = where(rangeConditions(range, sample, params));
        return new SqlQuery(
                "SELECT " + keyTexts() + ", md5(" + text.row(side) + ") FROM " + from() + where + " ORDER BY "
                        + keyOrder(),
                params);
    }

    /** The given keys as text with the md5 of their rows; absent keys return nothing. */
    SqlQuery fingerprintsOf(List<List<String>> keys) {
        return byKeys("md5(" + text.row(side) + ")", keys);
    }

    /** The given keys as text with their rows' text. */
    SqlQuery rowTextsOf(List<List<String>> keys) {
        return byKeys(text.row(side), keys);
    }

    /** Row count and checksum of a whole table without a key: the md5 of its rows' sorted md5s. */
    SqlQuery wholeChecksum() {
        return new SqlQuery(
                "SELECT count(*), md5(string_agg(h, '' ORDER BY h" + C + ")) FROM " + hashedRows() + " AS s",
                List.of());
    }

    /** How often each row text occurs, by its md5; only the given md5s unless null. */
    SqlQuery rowHashCounts(List<String> hashes) {
        if (hashes == null) {
            return new SqlQuery("SELECT h, count(*) FROM " + hashedRows() + " AS s GROUP BY h", List.of());
        }
        return new SqlQuery(
                "SELECT h, count(*) FROM " + hashedRows() + " AS s WHERE h = ANY(CAST(? AS text[])) GROUP BY h",
                List.of(textArray(hashes)));
    }

    /** One row text for each of the given md5s. */
    SqlQuery rowsOfHashes(List<String> hashes) {
        return new SqlQuery(
                "SELECT DISTINCT ON (h) h, r FROM (SELECT md5(" + text.row(side) + ") AS h, " + text.row(side)
                        + " AS r FROM " + from() + ") AS s WHERE h = ANY(CAST(? AS text[])) ORDER BY h",
                List.of(textArray(hashes)));
    }

    private String from() {
        return shape.table().quoted() + " AS " + RowText.ALIAS;
    }

    private String hashedRows() {
        return "(SELECT md5(" + text.row(side) + ") AS h FROM " + from() + ")";
    }

    private String keyTexts() {
        return shape.key().stream().map(c -> text.keyText(c, side)).collect(Collectors.joining(", "));
    }

    private String keyOrder() {
        return shape.key().stream()
                .map(c -> RowText.reference(c) + collation(c))
                .collect(Collectors.joining(", "));
    }

    private String collation(ComparedColumn column) {
        return column.on(side).collatable() ? C : "";
    }

    private String cast(ComparedColumn column, String value) {
        return "CAST(" + value + " AS " + column.on(side).formattedType() + ")";
    }

    private List<String> rangeConditions(KeyRange range, Sample sample, List<Object> params) {
        List<String> conditions = new ArrayList<>();
        if (range.lower() != null) {
            conditions.add(compareKey(">", range.lower(), params));
        }
        if (range.upper() != null) {
            conditions.add(compareKey("<=", range.upper(), params));
        }
        if (sample != null) {
            // the first 28 bits of md5(seed || key) as a non-negative integer: uniform, and the same on every server
            conditions.add("CAST(CAST('x' || left(md5(? || ROW(" + keyTexts()
                    + ")::text), 7) AS bit(28)) AS integer) % 100 < ?");
            params.add(sample.seed());
            params.add(sample.percent());
        }
        return conditions;
    }

    private String compareKey(String operator, List<String> bound, List<Object> params) {
        params.addAll(bound);
        return shape.key().stream()
                        .map(c -> RowText.reference(c) + collation(c))
                        .collect(Collectors.joining(", ", "ROW(", ")"))
                + ' '
                + operator
                + ' '
                + shape.key().stream()
                        .map(c -> cast(c, "?") + collation(c))
                        .collect(Collectors.joining(", ", "ROW(", ")"));
    }

    private SqlQuery byKeys(String value, List<List<String>> keys) {
        List<ComparedColumn> key = shape.key();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            int column = i;
            params.add(keys.stream().map(k -> k.get(column)).toArray(String[]::new));
        }
        Function<Integer, String> alias = i -> "k" + i;
        String casts = IntStream.range(0, key.size())
                .mapToObj(i -> cast(key.get(i), "u." + alias.apply(i)))
                .collect(Collectors.joining(", "));
        String arrays = IntStream.range(0, key.size())
                .mapToObj(i -> "CAST(? AS text[])")
                .collect(Collectors.joining(", "));
        String aliases = IntStream.range(0, key.size()).mapToObj(alias::apply).collect(Collectors.joining(", "));
        String stored = key.stream().map(RowText::reference).collect(Collectors.joining(", ", "ROW(", ")"));
        return new SqlQuery(
                "SELECT " + keyTexts() + ", " + value + " FROM " + from() + " WHERE " + stored + " IN (SELECT " + casts
                        + " FROM unnest(" + arrays + ") AS u(" + aliases + "))",
                params);
    }

    // a cast, or List.of would spread the array into its elements
    private static Object textArray(List<String> texts) {
        return texts.toArray(String[]::new);
    }

    private static String where(List<String> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
}
