package io.pg2polar.common.extension;

import io.pg2polar.common.schema.ExtensionDefinition;

/**
 * What became of one extension a migration needs on the target.
 *
 * @param reason why it is not usable, for the blocked states; empty otherwise
 */
public record ExtensionOutcome(ExtensionDefinition extension, State state, String installedVersion, String reason) {

    /** Where an extension stands on the target. */
    public enum State {
        /** Installed in the schema the definitions name. */
        INSTALLED,
        /** Not installed; the account created it (or, in a precheck, could). */
        CREATED,
        /** Installed in another schema than the definitions name: its types and operator classes would not be found. */
        ELSEWHERE,
        /** The target server has no files for it ({@code pg_available_extensions} does not list it). */
        UNAVAILABLE,
        /** The account may not create it (not a trusted extension, or no CREATE privilege, and no superuser). */
        NOT_ALLOWED,
        /** Creating it failed otherwise, e.g. a library it needs is missing or must be preloaded. */
        FAILED
    }

    /** True when the migration cannot go on without someone acting on the target. */
    public boolean blocked() {
        return state != State.INSTALLED && state != State.CREATED;
    }
}
