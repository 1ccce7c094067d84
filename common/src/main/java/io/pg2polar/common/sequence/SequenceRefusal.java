package io.pg2polar.common.sequence;

import java.sql.SQLException;

import io.pg2polar.common.jdbc.SqlStates;
import io.pg2polar.common.sql.Identifiers;

/**
 * A source sequence position the target refused to take, with what to do about it. Retrying cannot help: the same
 * position meets the same target sequence until someone changes it.
 *
 * @param sequence the source's sequence (in its target schema)
 * @param cause    the target's error
 */
public record SequenceRefusal(SequenceValue sequence, SQLException cause) {

    /** The quoted target name, e.g. {@code "public"."ledger_id_seq"}. */
    public String name() {
        return Identifiers.qualify(sequence.schema(), sequence.name());
    }

    /** What was refused and why, e.g. for a task's failure or a dead letter's reason. */
    public String describe() {
        return "sequence " + name() + " (source's last value " + sequence.lastValue() + "): " + cause.getMessage();
    }

    /** The change on the target that lets it take the source's positions. */
    public String fix() {
        if (SqlStates.isPermissionProblem(cause)) {
            return "Make the sink's target account the owner of " + name() + " (or GRANT UPDATE ON SEQUENCE " + name()
                    + ")";
        }
        return "Give " + name() + " the source's range (ALTER SEQUENCE " + name() + " AS " + sequence.dataType()
                + " MINVALUE " + sequence.min() + " MAXVALUE " + sequence.max()
                + "), or drop it so the sink creates it as the source defines it";
    }
}
