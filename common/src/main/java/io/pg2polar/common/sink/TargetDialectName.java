package io.pg2polar.common.sink;

import java.util.Arrays;

/**
 * The kinds of target {@code target.dialect} names, with the port each listens on by default: the one list the
 * sink's dialects, both connectors' validators and the control plane read.
 */
public enum TargetDialectName {
    POSTGRESQL("postgresql", 5432),
    /** Pages "jdbc-o-2-0" and "jdbc-o-1-0": PolarDB-O clusters listen on 1521 by default. */
    POLARDB_O("polardb-o", 1521);

    private final String value;
    private final int defaultPort;

    TargetDialectName(String value, int defaultPort) {
        this.value = value;
        this.defaultPort = defaultPort;
    }

    /** The name as {@code target.dialect} takes it. */
    public String value() {
        return value;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Every name, for a {@code ConfigDef.ValidString}. */
    public static String[] configValues() {
        return Arrays.stream(values()).map(TargetDialectName::value).toArray(String[]::new);
    }

    /**
     * The dialect a {@code target.dialect} value names: PolarDB-O for {@code polardb-o}, else PostgreSQL (the
     * default; the connectors' validators admit no other value).
     */
    public static TargetDialectName of(String value) {
        return POLARDB_O.value.equals(value) ? POLARDB_O : POSTGRESQL;
    }
}
