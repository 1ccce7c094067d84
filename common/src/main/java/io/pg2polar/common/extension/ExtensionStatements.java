package io.pg2polar.common.extension;

import io.pg2polar.common.schema.ExtensionDefinition;
import io.pg2polar.common.sql.Identifiers;

/** The statements that create an extension where a migration's definitions expect it, for the sink and for messages. */
public final class ExtensionStatements {

    private ExtensionStatements() {}

    /** {@code CREATE EXTENSION IF NOT EXISTS "name" SCHEMA "schema"}: the target's default version. */
    public static String create(ExtensionDefinition extension) {
        return "CREATE EXTENSION IF NOT EXISTS " + Identifiers.quote(extension.name()) + " SCHEMA "
                + Identifiers.quote(extension.schema());
    }

    /** Moves an installed extension into the schema the definitions name (for relocatable extensions). */
    public static String moveToSchema(ExtensionDefinition extension) {
        return "ALTER EXTENSION " + Identifiers.quote(extension.name()) + " SET SCHEMA "
                + Identifiers.quote(extension.schema());
    }

    public static String createSchema(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema);
    }
}
