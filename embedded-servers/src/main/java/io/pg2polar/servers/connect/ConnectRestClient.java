package io.pg2polar.servers.connect;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Connect REST API as users call it with curl: create, validate, status, pause, resume, restart,
 * delete. Every call that changes something goes through HTTP, never through a worker's Java API.
 */
public final class ConnectRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);

    private final URI base;
    /** The {@code Authorization} header every call sends, or null. */
    private final String authorization;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ConnectRestClient(URI base) {
        this(base, null);
    }

    private ConnectRestClient(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** A client of the same worker that logs in with HTTP basic authentication, as curl's {@code -u user:password}. */
    public ConnectRestClient withBasicAuth(String user, String password) {
        return new ConnectRestClient(
                base,
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString((user + ':' + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** The same worker without credentials. */
    public ConnectRestClient anonymous() {
        return new ConnectRestClient(base, null);
    }

    /** A REST call that answered with an error status. */
    public static final class RestException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String body;

        RestException(String call, int status, String body) {
            super(call + " answered " + status + ": " + body);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }

    /** True once the worker serves its API and has joined its group. */
    boolean isReady() {
        try {
            HttpResponse<String> response =
                    http.send(request("/connectors").GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code PUT /connectors/{name}/config}: creates or reconfigures a connector. */
    public JsonNode putConnector(String name, Map<String, String> config) {
        return call("PUT", "/connectors/" + encode(name) + "/config", JSON.valueToTree(config));
    }

    /** {@code PUT /connector-plugins/{class}/config/validate}. */
    public JsonNode validate(String connectorClass, Map<String, String> config) {
        String simpleName = connectorClass.substring(connectorClass.lastIndexOf('.') + 1);
        return call("PUT", "/connector-plugins/" + encode(simpleName) + "/config/validate", JSON.valueToTree(config));
    }

    /** {@code GET} of any path, e.g. an extension's resource; a status of 300 or above throws {@link RestException}. */
    public JsonNode get(String path) {
        return call("GET", path, null);
    }

    /** {@code POST} of any path with a JSON body (or none), waiting up to {@code timeout} for the answer. */
    public JsonNode post(String path, JsonNode body, Duration timeout) {
        return call("POST", path, body, timeout);
    }

    public JsonNode status(String name) {
        return call("GET", "/connectors/" + encode(name) + "/status", null);
    }

    public JsonNode connectorPlugins() {
        return call("GET", "/connector-plugins", null);
    }

    public void pause(String name) {
        call("PUT", "/connectors/" + encode(name) + "/pause", null);
    }

    /** {@code PUT /connectors/{name}/stop}: shuts the tasks down (unlike pause, nothing keeps running); resume restarts them. */
    public void stop(String name) {
        call("PUT", "/connectors/" + encode(name) + "/stop", null);
    }

    public void resume(String name) {
        call("PUT", "/connectors/" + encode(name) + "/resume", null);
    }

    /** {@code POST /connectors/{name}/restart?includeTasks=true}: restarts the connector and its tasks. */
    public void restart(String name) {
        call("POST", "/connectors/" + encode(name) + "/restart?includeTasks=true", null);
    }

    public void delete(String name) {
        call("DELETE", "/connectors/" + encode(name), null);
    }

    /** Deletes a connector if it exists. */
    public void deleteIfExists(String name) {
        try {
            delete(name);
        } catch (RestException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /** Waits until the connector and all its tasks (at least one) are RUNNING. */
    public JsonNode awaitRunning(String name, Duration timeout) {
        return awaitStatus(name, timeout, "RUNNING", status -> allTasksIn(status, "RUNNING"), true);
    }

    /** Waits until the connector and all its tasks are PAUSED. */
    public JsonNode awaitPaused(String name, Duration timeout) {
        return awaitStatus(name, timeout, "PAUSED", status -> allTasksIn(status, "PAUSED"), true);
    }

    /** Waits until the connector is STOPPED and has no tasks left. */
    public JsonNode awaitStopped(String name, Duration timeout) {
        return awaitStatus(
                name,
                timeout,
                "STOPPED",
                status ->
                        "STOPPED".equals(status.path("connector").path("state").asText())
                                && status.path("tasks").isEmpty(),
                true);
    }

    /** Waits until some task of the connector has FAILED, and returns the status with its trace. */
    public JsonNode awaitTaskFailed(String name, Duration timeout) {
        return awaitStatus(name, timeout, "a FAILED task", ConnectRestClient::hasFailure, false);
    }

    /** Polls the status until {@code condition} holds; with {@code failFast}, a FAILED connector or task ends the wait. */
    private JsonNode awaitStatus(
            String name, Duration timeout, String wanted, Predicate<JsonNode> condition, boolean failFast) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = status(name);
                if (condition.test(last)) {
                    return last;
                }
                if (failFast && hasFailure(last)) {
                    throw new IllegalStateException(
                            "Connector " + name + " failed while waiting for " + wanted + ": " + last.toPrettyString());
                }
            } catch (RestException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("Connector " + name + " did not reach " + wanted + " within " + timeout
                + "; last status: " + (last == null ? "none" : last.toPrettyString()));
    }

    private static boolean allTasksIn(JsonNode status, String state) {
        if (!state.equals(status.path("connector").path("state").asText())
                || status.path("tasks").isEmpty()) {
            return false;
        }
        for (JsonNode task : status.path("tasks")) {
            if (!state.equals(task.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasFailure(JsonNode status) {
        if ("FAILED".equals(status.path("connector").path("state").asText())) {
            return true;
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                return true;
            }
        }
        return false;
    }

    private JsonNode call(String method, String path, JsonNode body) {
        return call(method, path, body, CALL_TIMEOUT);
    }

    private JsonNode call(String method, String path, JsonNode body, Duration timeout) {
        HttpRequest.Builder builder = request(path).timeout(timeout);
        builder.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        String description = method + ' ' + path;
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new RestException(description, response.statusCode(), response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(description + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(description + " interrupted", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
