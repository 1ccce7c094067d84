package io.pg2polar.servers.postgres;

import java.nio.file.Path;
import java.util.Map;

import io.pg2polar.common.jdbc.TlsSettings;

/**
 * TLS for an embedded server: {@code ssl=on} with this certificate and key, client certificates checked against
 * this CA, and pg_hba rules that admit only TLS sessions over TCP ({@code hostssl}). Roles in
 * {@value #CERTIFICATE_LOGIN_GROUP} log in with a client certificate ({@code cert}), the superuser without a
 * password, every other role with its password.
 */
public record ServerTls(Path certificate, Path key, Path caCertificate) {

    /** Members of this role authenticate with a client certificate whose common name is their name. */
    public static final String CERTIFICATE_LOGIN_GROUP = "cert_login";

    Map<String, String> serverSettings() {
        return Map.of(
                "ssl",
                "on",
                "ssl_cert_file",
                certificate.toAbsolutePath().toString(),
                "ssl_key_file",
                key.toAbsolutePath().toString(),
                "ssl_ca_file",
                caCertificate.toAbsolutePath().toString());
    }

    /** How the test kit's own sessions connect: verify-full against the CA. */
    public TlsSettings clientSettings() {
        return new TlsSettings("verify-full", caCertificate.toAbsolutePath().toString(), null, null, null, null);
    }

    String hbaRules() {
        String group = "+" + CERTIFICATE_LOGIN_GROUP;
        return """
                local all all trust
                hostssl all postgres 127.0.0.1/32 trust
                hostssl all postgres ::1/128 trust
                hostssl replication postgres 127.0.0.1/32 trust
                hostssl all %1$s 127.0.0.1/32 cert
                hostssl replication %1$s 127.0.0.1/32 cert
                hostssl all all 127.0.0.1/32 scram-sha-256
                hostssl all all ::1/128 scram-sha-256
                hostssl replication all 127.0.0.1/32 scram-sha-256
                """.formatted(group);
    }
}
