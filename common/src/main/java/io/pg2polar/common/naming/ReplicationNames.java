package io.pg2polar.common.naming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Derives the names of the objects a migration owns on the source (replication slot, publication) from the
 * connector name, so two migrations in one Connect cluster never share a slot and a deleted connector's
 * leftovers can be found by name.
 *
 * <p>Slot names allow only {@code [a-z0-9_]} and 63 bytes. Example: connector {@code Orders-Migration}
 * gives {@code pg2polar_orders_migration}; a name too long to fit is cut and ends in 8 hex digits of its
 * hash, so distinct long names stay distinct.
 */
public final class ReplicationNames {

    /** Prefix of every object pg2polar creates on a source database. */
    public static final String PREFIX = "pg2polar_";

    private static final int MAX_IDENTIFIER_BYTES = 63;
    private static final int HASH_CHARS = 8;

    private ReplicationNames() {}

    /** The replication slot (and publication) name for a connector. */
    public static String forConnector(String connectorName) {
        String sanitized = connectorName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String name = PREFIX + sanitized;
        if (name.length() <= MAX_IDENTIFIER_BYTES) {
            return name;
        }
        String hash = sha256Hex(connectorName).substring(0, HASH_CHARS);
        return name.substring(0, MAX_IDENTIFIER_BYTES - HASH_CHARS - 1) + '_' + hash;
    }

    /**
     * Why a publication name cannot be used, or empty when it can. Debezium writes the name into its CREATE
     * PUBLICATION statement unquoted (text after it would run as statements of its own), so only a plain lowercase
     * name is safe there and the same name as the one pg2polar quotes.
     */
    public static Optional<String> publicationNameProblem(String name) {
        if (name != null && name.matches("[a-z_][a-z0-9_]{0,62}")) {
            return Optional.empty();
        }
        return Optional.of(
                "publication.name '" + name + "' must be lowercase letters, digits and '_', not starting with a digit,"
                        + " at most 63 characters: Debezium writes it into its CREATE PUBLICATION statement unquoted. Leave it unset for "
                        + PREFIX + "<connector name>.");
    }

    private static String sha256Hex(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
