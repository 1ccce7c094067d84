package io.pg2polar.controlplane.verify;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Reads what re-checking and reporting need about given keys of one table: their values and their rows' text. */
interface RowProbe extends Fingerprints {

    /** The row text per key; keys the side lacks are absent from the map. */
    Map<List<String>, String> rowTexts(Side side, List<List<String>> keys) throws SQLException;

    /** The key as the report names it, column by column. */
    Map<String, String> describeKey(List<String> key);

    /** The kind of difference, one of the {@link KeyDifference} constants. */
    String kind(Mismatch mismatch);
}
