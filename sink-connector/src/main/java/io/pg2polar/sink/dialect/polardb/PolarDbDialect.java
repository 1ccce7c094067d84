package io.pg2polar.sink.dialect.polardb;

import io.pg2polar.common.extension.ExtensionOffer;
import io.pg2polar.common.extension.PolarDbExtensionOffer;
import io.pg2polar.common.sink.TargetDialectName;
import io.pg2polar.sink.dialect.postgres.PostgresDialect;

/**
 * PolarDB for PostgreSQL (Compatible with Oracle), "PolarDB-O": PostgreSQL underneath (2.0 is based on
 * PostgreSQL 14), with Oracle-compatibility defaults that change data. Only the differences live here; each
 * rule names the PolarDB-O documentation page it follows.
 */
public class PolarDbDialect extends PostgresDialect {

    /** What {@code date} columns become under {@code polar_comp_redwood_date}. */
    static final String REDWOOD_DATE = "timestamp(0) without time zone";

    @Override
    public String name() {
        return TargetDialectName.POLARDB_O.value();
    }

    @Override
    public int defaultPort() {
        return TargetDialectName.POLARDB_O.defaultPort();
    }

    /**
     * Under the default {@code polar_comp_redwood_date} a {@code DATE} column in CREATE/ALTER TABLE is stored as
     * {@code TIMESTAMP(0)} (PolarDB-O parameter documentation). pg2polar creates {@code timestamp(0)} explicitly,
     * so the target is the same whatever the parameter says, and dates load as midnight timestamps.
     */
    @Override
    public String columnType(String sourceType, String sourceTypeName) {
        if ("date".equals(unquoted(sourceType))) {
            return REDWOOD_DATE;
        }
        if ("date[]".equals(unquoted(sourceType))) {
            return REDWOOD_DATE + "[]";
        }
        return super.columnType(sourceType, sourceTypeName);
    }

    /** Page "Supported extensions" and the others {@link PolarDbExtensionOffer} names: the list, and advice when one is missing. */
    @Override
    public ExtensionOffer extensionOffer() {
        return PolarDbExtensionOffer.INSTANCE;
    }

    @Override
    public boolean sameType(String sourceType, String sourceTypeName, String targetType) {
        return super.sameType(columnType(sourceType, sourceTypeName), sourceTypeName, targetType)
                || super.sameType(sourceType, sourceTypeName, targetType);
    }
}
