package io.pg2polar.common.sql;

import java.util.Objects;

/**
 * The one place identifiers are quoted. Every schema, table, column and index name that reaches SQL goes
 * through here, so reserved words (PolarDB-O adds LEVEL, MINUS, PRIOR, ROWNUM, CONNECT_BY_ROOT, LOOP) and
 * mixed-case or hyphenated names work everywhere.
 */
public final class Identifiers {

    private Identifiers() {}

    /** Quotes one identifier: {@code my"name} becomes {@code "my""name"}. */
    public static String quote(String identifier) {
        Objects.requireNonNull(identifier, "identifier");
        if (identifier.isEmpty()) {
            throw new IllegalArgumentException("An SQL identifier cannot be empty");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Quotes a schema-qualified name: {@code "schema"."table"}. */
    public static String qualify(String schema, String name) {
        return quote(schema) + '.' + quote(name);
    }

    /**
     * Quotes a string literal for the few statements that cannot take parameters (SET, COMMENT): {@code it's} becomes
     * {@code 'it''s'}, {@code a\b} becomes {@code E'a\\b'}. A backslash goes into an E'' string, because in '' it
     * escapes the quote after it when the session's standard_conforming_strings is off, which would end the literal early.
     */
    public static String literal(String value) {
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("A string literal cannot hold a NUL character");
        }
        String quoted = value.replace("'", "''");
        return value.indexOf('\\') < 0 ? '\'' + quoted + '\'' : "E'" + quoted.replace("\\", "\\\\") + '\'';
    }
}
