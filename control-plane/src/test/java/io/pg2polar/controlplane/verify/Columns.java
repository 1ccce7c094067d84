package io.pg2polar.controlplane.verify;

/** Side columns of common types for tests. */
final class Columns {

    private Columns() {}

    static SideColumn bigint(String name) {
        return new SideColumn(name, "bigint", 20, false, false);
    }

    static SideColumn text(String name) {
        return new SideColumn(name, "text", 25, true, true);
    }

    static SideColumn date(String name) {
        return new SideColumn(name, "date", SideColumn.DATE_OID, false, false);
    }

    static SideColumn timestamp0(String name) {
        return new SideColumn(name, "timestamp(0) without time zone", 1114, false, false);
    }

    static ComparedColumn same(SideColumn column) {
        return new ComparedColumn(column.name(), column, column);
    }
}
