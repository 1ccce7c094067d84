package io.pg2polar.controlplane;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.core.Response;

/**
 * How the extension's resources answer: JSON strings (so the worker's own JSON provider never sees our classes), errors
 * as Connect's own ({@code error_code}, {@code message}), each call run with this plugin's class loader.
 */
final class RestAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RestAnswers() {}

    /** A call whose exceptions become error answers. */
    interface Call {
        Response run() throws Exception;
    }

    static Response ok(Object json) {
        return Response.ok(json.toString()).build();
    }

    static Response error(Response.Status status, String message) {
        return Response.status(status)
                .entity(JSON.createObjectNode()
                        .put("error_code", status.getStatusCode())
                        .put("message", message)
                        .toString())
                .build();
    }

    /**
     * Runs a call with this plugin's class loader as the context class loader: Debezium loads classes named in
     * its configuration through it, and a REST thread's is the worker's own.
     */
    static Response answer(Call call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RestAnswers.class.getClassLoader());
        try {
            return call.run();
        } catch (MissingConnectorException | UnknownJobException e) {
            return error(Response.Status.NOT_FOUND, e.getMessage());
        } catch (MigrationJobs.ConflictingJobException e) {
            return error(Response.Status.CONFLICT, e.getMessage());
        } catch (BadRequestException | IllegalArgumentException e) {
            return error(Response.Status.BAD_REQUEST, e.getMessage());
        } catch (Exception e) {
            return error(Response.Status.INTERNAL_SERVER_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
