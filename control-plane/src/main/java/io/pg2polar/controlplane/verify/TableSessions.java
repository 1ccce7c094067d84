package io.pg2polar.controlplane.verify;

/** Both sides' sessions with the statements for one table. */
record TableSessions(SideConnection source, SideConnection target, VerifySql sourceSql, VerifySql targetSql) {

    static TableSessions of(SideConnection source, SideConnection target, TableShape shape, boolean polarDb) {
        return new TableSessions(
                source, target, new VerifySql(shape, Side.SOURCE, polarDb), new VerifySql(shape, Side.TARGET, polarDb));
    }

    SideConnection connection(Side side) {
        return side == Side.SOURCE ? source : target;
    }

    VerifySql sql(Side side) {
        return side == Side.SOURCE ? sourceSql : targetSql;
    }

    long count(Side side) throws java.sql.SQLException {
        return connection(side).queryOne(sql(side).count(), rs -> rs.getLong(1));
    }
}
