package io.pg2polar.controlplane.verify;

/**
 * A column as one database declares it.
 *
 * @param formattedType the type as {@code format_type} prints it with {@code search_path = pg_catalog}, usable in
 *                      a cast: {@code numeric(12,2)}, {@code public.mood}
 * @param typeOid       the type's OID; built-in types have the same OID on every PostgreSQL
 * @param textLike      the type is in the string category (text, varchar, char, ...)
 * @param collatable    the type has a collation, so ordering it needs {@code COLLATE "C"} to agree across servers
 */
record SideColumn(String name, String formattedType, int typeOid, boolean textLike, boolean collatable) {

    static final int DATE_OID = 1082;
}
