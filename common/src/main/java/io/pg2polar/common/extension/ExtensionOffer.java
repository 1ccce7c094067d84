package io.pg2polar.common.extension;

import java.util.Optional;

import io.pg2polar.common.sink.TargetDialectName;

/**
 * What a kind of target is documented to offer in extensions, and what to advise when the target lacks one. The live
 * target decides what can be created ({@link ExtensionInstaller} asks it); this is for messages and for the source's
 * precheck, which has no connection to the target.
 */
public interface ExtensionOffer {

    /**
     * Whether the target kind's documentation lists the extension.
     *
     * @return empty when the kind documents no list (a PostgreSQL server offers whatever is installed on it)
     */
    Optional<Boolean> documents(String extension);

    /** Where the documented list comes from, for messages; empty when there is none. */
    String documentation();

    /** What to do about an extension the target does not have available, before running its CREATE EXTENSION. */
    String whenUnavailable(String extension);

    /** The offer of a {@code target.dialect} ({@code postgresql}, {@code polardb-o}); PostgreSQL's for any other name. */
    static ExtensionOffer forDialect(String dialect) {
        return TargetDialectName.of(dialect) == TargetDialectName.POLARDB_O
                ? PolarDbExtensionOffer.INSTANCE
                : PostgresExtensionOffer.INSTANCE;
    }
}
