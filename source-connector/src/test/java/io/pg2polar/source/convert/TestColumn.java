package io.pg2polar.source.convert;

import java.util.OptionalInt;

import io.debezium.spi.converter.RelationalColumn;

/** A column as Debezium describes it to a converter, for tests. */
record TestColumn(String typeName, int nativeType, int jdbcType, boolean isOptional, Object defaultValue)
        implements RelationalColumn {

    static TestColumn of(String typeName, int nativeType, int jdbcType) {
        return new TestColumn(typeName, nativeType, jdbcType, true, null);
    }

    @Override
    public String name() {
        return "c";
    }

    @Override
    public String dataCollection() {
        return "public.t";
    }

    @Override
    public String typeExpression() {
        return typeName;
    }

    @Override
    public OptionalInt length() {
        return OptionalInt.empty();
    }

    @Override
    public OptionalInt scale() {
        return OptionalInt.empty();
    }

    @Override
    public boolean hasDefaultValue() {
        return defaultValue != null;
    }
}
