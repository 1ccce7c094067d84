package io.pg2polar.common.jdbc;

/**
 * The configuration keys of one side's connection settings, so a failed login is reported on the key to change and
 * its message names it.
 *
 * @param role      words for messages: "source" or "target"
 * @param tlsPrefix what precedes {@code sslmode}, {@code sslrootcert}... in the TLS keys
 * @param tlsFactory whether the side has an {@code sslfactory} key
 */
public record ConnectionFields(
        String role,
        String host,
        String port,
        String database,
        String user,
        String password,
        String tlsPrefix,
        boolean tlsFactory) {

    /** Debezium's keys, which the source connector takes as they are. */
    public static final ConnectionFields SOURCE = new ConnectionFields(
            "source",
            "database.hostname",
            "database.port",
            "database.dbname",
            "database.user",
            "database.password",
            "database.",
            true);

    /** The sink connector's keys. */
    public static final ConnectionFields TARGET = new ConnectionFields(
            "target",
            "connection.host",
            "connection.port",
            "connection.database",
            "connection.user",
            "connection.password",
            "connection.",
            false);

    /** The TLS settings of a connector configuration (placeholders resolved) with these keys. */
    public TlsSettings tlsSettings(java.util.Map<String, String> config) {
        return new TlsSettings(
                config.get(tls(TlsSettings.MODE)),
                config.get(tls(TlsSettings.ROOT_CERT)),
                config.get(tls(TlsSettings.CERT)),
                config.get(tls(TlsSettings.KEY)),
                config.get(tls(TlsSettings.KEY_PASSWORD)),
                tlsFactory ? config.get(tls(TlsSettings.FACTORY)) : null);
    }

    /** The key of one TLS setting, e.g. {@code tls(TlsSettings.ROOT_CERT)} is {@code database.sslrootcert} on the source. */
    public String tls(String setting) {
        return tlsPrefix + setting;
    }

    /** The key a problem with this part of the connection is reported on. */
    public String of(ConnectivityCheck.Culprit culprit) {
        return switch (culprit) {
            case PASSWORD -> password;
            case USER -> user;
            case DATABASE -> database;
            case HOST, OTHER -> host;
            case TLS_MODE -> tls(TlsSettings.MODE);
            case TLS_ROOT_CERT -> tls(TlsSettings.ROOT_CERT);
            case TLS_CERT -> tls(TlsSettings.CERT);
            case TLS_KEY -> tls(TlsSettings.KEY);
            case TLS_KEY_PASSWORD -> tls(TlsSettings.KEY_PASSWORD);
            case TLS_FACTORY -> tls(TlsSettings.FACTORY);
        };
    }
}
