package io.pg2polar.controlplane;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Adds {@code WWW-Authenticate: Basic realm="Kafka Connect"} to the 401 answers of a worker secured with Kafka's
 * {@code BasicAuthSecurityRestExtension}, which refuses without saying how to log in: a browser then asks for the
 * user name and password (and sends them with the console's calls) instead of showing "User cannot access the
 * resource." A 401 that names its scheme is left as it is.
 */
final class BasicAuthChallenge implements ContainerResponseFilter {

    static final String KAFKA_BASIC_AUTH =
            "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension";
    static final String CHALLENGE = "Basic realm=\"Kafka Connect\", charset=\"UTF-8\"";

    /** Whether the worker's {@code rest.extension.classes} name Kafka's basic authentication. */
    static boolean needed(Object restExtensionClasses) {
        if (restExtensionClasses == null) {
            return false;
        }
        String classes = restExtensionClasses instanceof java.util.Collection<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList())
                : restExtensionClasses.toString();
        return java.util.Arrays.stream(classes.split(",")).map(String::trim).anyMatch(KAFKA_BASIC_AUTH::equals);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 401 && !response.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)) {
            response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
    }
}
