package io.pg2polar.common.jdbc;

import java.util.List;
import java.util.Properties;

/**
 * How sessions to one database use TLS: pgjdbc's {@code sslmode}, {@code sslrootcert}, {@code sslcert},
 * {@code sslkey}, {@code sslpassword} and {@code sslfactory} connection properties, which Debezium's
 * {@code database.ssl*} options set for its own sessions and the sink's {@code connection.ssl*} options set for the
 * target's. A null value leaves pgjdbc's default ({@code sslmode=prefer}, files under {@code ~/.postgresql/}). The
 * key password never appears in {@link #toString()}.
 */
public record TlsSettings(String mode, String rootCert, String cert, String key, String keyPassword, String factory) {

    /** Nothing set: pgjdbc's defaults, as for a configuration without any ssl option. */
    public static final TlsSettings DRIVER_DEFAULTS = new TlsSettings(null, null, null, null, null, null);

    /** The values {@code sslmode} takes, weakest first, as pgjdbc and libpq spell them. */
    public static final List<String> MODES =
            List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    public static final String MODE = "sslmode";
    public static final String ROOT_CERT = "sslrootcert";
    public static final String CERT = "sslcert";
    public static final String KEY = "sslkey";
    public static final String KEY_PASSWORD = "sslpassword";
    public static final String FACTORY = "sslfactory";

    public TlsSettings {
        mode = blankToNull(mode);
        rootCert = blankToNull(rootCert);
        cert = blankToNull(cert);
        key = blankToNull(key);
        keyPassword = blankToNull(keyPassword);
        factory = blankToNull(factory);
    }

    /** The same settings with another CA file. */
    public TlsSettings withRootCert(String otherRootCert) {
        return new TlsSettings(mode, otherRootCert, cert, key, keyPassword, factory);
    }

    /** Whether the server's certificate is checked against {@link #rootCert()}: {@code verify-ca} and {@code verify-full}. */
    public boolean verifiesServer() {
        return "verify-ca".equals(mode) || "verify-full".equals(mode);
    }

    /** Sets the pgjdbc connection properties for what is set here. */
    void applyTo(Properties properties) {
        put(properties, MODE, mode);
        put(properties, ROOT_CERT, rootCert);
        put(properties, CERT, cert);
        put(properties, KEY, key);
        put(properties, KEY_PASSWORD, keyPassword);
        put(properties, FACTORY, factory);
    }

    @Override
    public String toString() {
        return "TlsSettings[mode=" + mode + ", rootCert=" + rootCert + ", cert=" + cert + ", key=" + key
                + ", keyPassword=" + (keyPassword == null ? "null" : "[hidden]") + ", factory=" + factory + ']';
    }

    private static void put(Properties properties, String name, String value) {
        if (value != null) {
            properties.setProperty(name, value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
