package io.pg2polar.common.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A table constraint.
 *
 * @param type       {@code p} primary key, {@code u} unique, {@code c} check, {@code f} foreign key, {@code x} exclusion
 * @param definition as {@code pg_get_constraintdef} prints it, e.g. {@code CHECK (("total" >= 0))}
 * @param referencedSchema for a foreign key, the referenced table's schema
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConstraintDefinition(
        String name,
        String type,
        String definition,
        boolean validated,
        String referencedSchema,
        String referencedTable) {

    public boolean isForeignKey() {
        return "f".equals(type);
    }

    public boolean isPrimaryKey() {
        return "p".equals(type);
    }
}
