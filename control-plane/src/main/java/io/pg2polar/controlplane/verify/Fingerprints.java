package io.pg2polar.controlplane.verify;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Reads the current value of given keys on one side, for comparing them and comparing them again. */
@FunctionalInterface
interface Fingerprints {

    /** The value per key; keys the side lacks are absent from the map, never mapped to null. */
    Map<List<String>, String> read(Side side, List<List<String>> keys) throws SQLException;
}
