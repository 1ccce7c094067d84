package io.pg2polar.controlplane;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls the worker's own REST API, so pausing and deleting connectors at cutover go through the same path (and
 * the same cluster-wide forwarding to the leader) as a user's curl, with the credentials of the call that asked for
 * it: a worker whose REST API demands authentication (a {@code ConnectRestExtension} filter such as Kafka's
 * {@code BasicAuthSecurityRestExtension}) refuses anonymous calls, and the caller may do only what it may do itself.
 */
final class WorkerRestClient {

    private final URI base;
    private final String authorization;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param authorization the caller's {@code Authorization} header, forwarded as it came; null when it sent none */
    WorkerRestClient(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    void pause(String connector) {
        call("PUT", "/connectors/" + connector + "/pause", 202);
    }

    void delete(String connector) {
        call("DELETE", "/connectors/" + connector, 204);
    }

    private void call(String method, String path, int expected) {
        call(method, path, expected, null);
    }

    private String call(String method, String path, int expected, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpRequest request =
                (authorization == null ? builder : builder.header("Authorization", authorization)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected && response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + base.resolve(path) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
    }
}
