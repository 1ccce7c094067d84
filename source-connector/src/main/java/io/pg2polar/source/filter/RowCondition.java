package io.pg2polar.source.filter;

/**
 * A row filter's condition that {@link RowFilterSyntax} accepted: one expression that stays inside the parentheses
 * around it. The only form in which a filter reaches SQL, through {@link #whereClause()}.
 */
public record RowCondition(String text) {

    public RowCondition {
        String problem = RowFilterSyntax.problem(text).orElse(null);
        if (problem != null) {
            throw new IllegalArgumentException("Not one boolean expression: " + problem);
        }
    }

    /** {@code  WHERE (<condition>)}, with a leading space. */
    public String whereClause() {
        return " WHERE (" + text + ")";
    }
}
