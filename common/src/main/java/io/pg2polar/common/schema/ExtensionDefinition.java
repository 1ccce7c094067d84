package io.pg2polar.common.schema;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An extension a table needs on the target: one whose types its columns use, whose operator classes or functions its
 * indexes, constraints or defaults use, or which such an extension requires.
 *
 * @param schema   the schema the source has it in: its types and operator classes are named with it in the definitions
 * @param version  the source's version; the target creates its own default version
 * @param requires the extensions it requires (they come before it in a table's list)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExtensionDefinition(String name, String schema, String version, List<String> requires) {

    public ExtensionDefinition {
        requires = requires == null ? List.of() : List.copyOf(requires);
    }

    /** The same extension in another schema (the target schema of a name mapping). */
    public ExtensionDefinition inSchema(String targetSchema) {
        return new ExtensionDefinition(name, targetSchema, version, requires);
    }
}
