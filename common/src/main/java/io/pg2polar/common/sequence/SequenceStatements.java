package io.pg2polar.common.sequence;

import io.pg2polar.common.sql.Identifiers;

/**
 * The target-side SQL of sequence sync, for PostgreSQL and the databases built on it: the sink's dialect owns an
 * instance (and may extend it), the control plane's cutover uses {@link #POSTGRESQL}. Names go through
 * {@link Identifiers}; values are bind parameters where SQL allows them.
 */
public class SequenceStatements {

    /** The statements of PostgreSQL, which PolarDB-O accepts unchanged. */
    public static final SequenceStatements POSTGRESQL = new SequenceStatements();

    /** The quoted name of a sequence, e.g. {@code "public"."ledger_id_seq"}. */
    public String name(SequenceValue sequence) {
        return Identifiers.qualify(sequence.schema(), sequence.name());
    }

    /** One parameter, the quoted name; one boolean column. */
    public String exists() {
        return "SELECT pg_catalog.to_regclass(?) IS NOT NULL";
    }

    /** The sequence's {@code last_value} and {@code is_called}. */
    public String position(SequenceValue sequence) {
        return "SELECT last_value, is_called FROM " + name(sequence);
    }

    /** Parameters: the quoted name, then the value the next {@code nextval} passes. */
    public String setPosition() {
        return "SELECT pg_catalog.setval(?::regclass, ?, true)";
    }

    public String createSchema(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema);
    }

    /** CREATE SEQUENCE with the source's type, bounds, increment, start, cache and cycle. */
    public String create(SequenceValue sequence) {
        return "CREATE SEQUENCE IF NOT EXISTS " + name(sequence) + " AS " + sequence.dataType() + " INCREMENT BY "
                + sequence.increment()
                + " MINVALUE " + sequence.min() + " MAXVALUE " + sequence.max() + " START WITH " + sequence.start()
                + " CACHE "
                + sequence.cache() + (sequence.cycle() ? " CYCLE" : " NO CYCLE");
    }
}
