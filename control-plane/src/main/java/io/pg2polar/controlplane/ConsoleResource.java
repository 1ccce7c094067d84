package io.pg2polar.controlplane;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code GET /pg2polar/ui/}: the migration console, a page of plain HTML, CSS and JavaScript served from this plugin's
 * archive. It calls the worker's own REST API from the browser (same origin, so the worker's REST security applies
 * as to any client) and loads nothing from anywhere else: the Content-Security-Policy forbids it.
 */
@Path("/pg2polar/ui")
public class ConsoleResource {

    static final String RESOURCES = "/io/pg2polar/controlplane/console/";
    /** Every file the console has, with its media type: nothing else is served. */
    static final Map<String, String> FILES = Map.of(
            "index.html",
            "text/html; charset=utf-8",
            "console.css",
            "text/css; charset=utf-8",
            "console.js",
            "text/javascript; charset=utf-8",
            "favicon.svg",
            "image/svg+xml");

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                    + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** The page; {@code /pg2polar/ui} is sent to {@code /pg2polar/ui/}, so the page's relative links resolve. */
    @GET
    public Response page(@Context UriInfo uri) {
        if (!uri.getRequestUri().getRawPath().endsWith("/")) {
            // a relative location is resolved against the application's base, the worker's root
            return Response.status(Response.Status.MOVED_PERMANENTLY)
                    .location(URI.create("pg2polar/ui/"))
                    .build();
        }
        return file("index.html");
    }

    @GET
    @Path("/{file}")
    public Response file(@PathParam("file") String file) {
        String type = FILES.get(file);
        if (type == null) {
            return Response.status(Response.Status.NOT_FOUND)
                    .type("text/plain")
                    .entity("The console has no file " + file)
                    .build();
        }
        try (InputStream in = ConsoleResource.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("The console's " + file + " is missing from the plugin archive");
            }
            return Response.ok(in.readAllBytes(), type)
                    .header("Cache-Control", "no-cache")
                    .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the console's " + file, e);
        }
    }
}
