package io.pg2polar.controlplane;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.connect.health.ConnectClusterState;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.pg2polar.controlplane.verify.VerificationReport;
import io.pg2polar.controlplane.verify.Verifier;
import io.pg2polar.controlplane.verify.VerifyOptions;

/**
 * {@code /pg2polar/migrations/{name}}: status, verification, cutover and cleanup of the migration whose
 * connectors are {@code <name>-source} and {@code <name>-sink}. Answers are JSON strings, so the worker's own
 * JSON provider never sees our classes.
 */
@Path("/pg2polar/migrations")
@Produces(MediaType.APPLICATION_JSON)
public class MigrationsResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectClusterState cluster;
    private final WorkerSettings worker;
    private final MigrationLookup lookup;

    MigrationsResource(ConnectClusterState cluster, WorkerSettings worker) {
        this.cluster = cluster;
        this.worker = worker;
        this.lookup = new MigrationLookup(cluster, worker);
    }

    /** Every migration on the cluster (each pair of pg2polar connectors) with its phase, lag, states and errors. */
    @GET
    public Response list() {
        return answer(() -> ok(MigrationList.read(cluster, lookup)));
    }

    @GET
    @Path("/{name}")
    public Response status(@PathParam("name") String name) {
        return answer(() -> ok(MigrationStatus.read(migration(name, false), cluster)));
    }

    /** The lag over the last hour, for the console's chart; only points after {@code sinceMillis} when given. */
    @GET
    @Path("/{name}/lag")
    public Response lag(@PathParam("name") String name, @QueryParam("sinceMillis") Long sinceMillis) {
        return answer(() -> ok(LagHistory.read(migration(name, false), sinceMillis)));
    }

    /**
     * The precheck report: every source and target item (PASS, WARN or FAIL with details and the fix, as DTS's
     * precheck page).
     */
    @GET
    @Path("/{name}/precheck")
    public Response precheck(@PathParam("name") String name) {
        return answer(() -> ok(MigrationPrecheck.run(migration(name, false))));
    }

    /**
     * Compares source and target now and answers when done: {@code mode} = count, sample (with {@code samplePercent}) or
     * full. {@code POST jobs/verify} runs the same in the background ({@link MigrationJobsResource}).
     */
    @POST
    @Path("/{name}/verify")
    public Response verify(
            @PathParam("name") String name,
            @QueryParam("mode") @DefaultValue("full") String mode,
            @QueryParam("samplePercent") @DefaultValue("10") int samplePercent,
            @QueryParam("recheckDelaySeconds") @DefaultValue("10") int recheckDelaySeconds) {
        return answer(() -> {
            Migration migration = migration(name);
            VerifyOptions options = VerifyJob.options(migration, mode(mode), samplePercent, recheckDelaySeconds);
            VerificationReport report;
            try (var source = migration.connectSource()) {
                report = new Verifier(migration.sourceEndpoint(), migration.targetEndpoint(), options)
                        .verify(migration.tables(source));
            }
            return Response.ok(report.toJson()).build();
        });
    }

    /**
     * Loads tables again while changes keep streaming, e.g. after a verification found differences: {@code
     * {"tables": ["schema.table", ...]}}; 202 once the request is on its way (the status shows the loads), 400 naming a
     * table the migration does not capture.
     */
    @POST
    @Path("/{name}/resync")
    public Response resync(@PathParam("name") String name, String body) {
        return answer(() -> Response.status(Response.Status.ACCEPTED)
                .entity(MigrationResync.request(migration(name, false), body).toString())
                .build());
    }

    /**
     * Cutover once writes to the source have stopped. {@code verify} = none, count, sample or full; {@code action}
     * = pause or delete; {@code revokeWrites} revokes the sink account's write privileges; {@code dryRun} only
     * reports. 409 when a step fails (e.g. a failed task), with the report.
     */
    @POST
    @Path("/{name}/cutover")
    public Response cutover(
            @PathParam("name") String name,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            @QueryParam("timeoutSeconds") @DefaultValue("300") int timeoutSeconds,
            @QueryParam("verify") @DefaultValue("none") String verify,
            @QueryParam("action") @DefaultValue("pause") String action,
            @QueryParam("revokeWrites") @DefaultValue("false") boolean revokeWrites,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(() -> {
            Cutover.Options options = new Cutover.Options(
                    dryRun,
                    Duration.ofSeconds(timeoutSeconds),
                    "none".equalsIgnoreCase(verify) ? null : mode(verify),
                    Cutover.Action.valueOf(action.toUpperCase(Locale.ROOT)),
                    revokeWrites);
            StepReport report = new Cutover(migration(name), cluster, worker, options, authorization).run();
            return Response.status(report.failed() ? Response.Status.CONFLICT : Response.Status.OK)
                    .entity(report.json().toString())
                    .build();
        });
    }

    /**
     * Removes pg2polar's objects from the source. The source connector must be deleted first; its configuration
     * is then taken from the request body ({@code {"config": {...}}} as in connect-configs/source.json), or from
     * the connector while it still exists - which is refused.
     */
    @POST
    @Path("/{name}/cleanup")
    public Response cleanup(@PathParam("name") String name, String body) {
        return answer(() -> {
            String sourceName = Migration.sourceConnectorOf(name);
            if (cluster.connectors().contains(sourceName)) {
                return error(
                        Response.Status.CONFLICT,
                        "Connector " + sourceName + " still uses the replication slot; delete it first (DELETE"
                                + " /connectors/" + sourceName
                                + ", or cutover with action=delete), then call cleanup with its configuration as the body");
            }
            if (body == null || body.isBlank()) {
                return error(
                        Response.Status.BAD_REQUEST,
                        "Send the deleted source connector's configuration as the body, e.g. the content of"
                                + " connect-configs/source.json ({\"config\": {...}}); placeholders such as ${env:PG2POLAR_SOURCE_HOST} are resolved");
            }
            Map<String, String> sourceConfig = worker.resolve(connectorConfig(body));
            Migration migration =
                    new Migration(name, sourceName, Migration.sinkConnectorOf(name), sourceConfig, Map.of());
            StepReport report = SourceCleanup.run(migration);
            return Response.status(report.failed() ? Response.Status.CONFLICT : Response.Status.OK)
                    .entity(report.json().toString())
                    .build();
        });
    }

    /**
     * The configuration in a cleanup call's body. A body that is no configuration is refused without quoting it: the
     * parser's messages would repeat what it holds, passwords included.
     */
    private static Map<String, String> connectorConfig(String body) {
        try {
            JsonNode parsed = JSON.readTree(body);
            JsonNode config = parsed.has("config") ? parsed.get("config") : parsed;
            return JSON.convertValue(config, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new BadRequestException(
                    "The body is not a connector configuration: send {\"config\": {...}} with string values, as in"
                            + " connect-configs/source.json");
        }
    }

    private Migration migration(String name) {
        return migration(name, true);
    }

    /** @param needsSink whether the sink connector must exist too (else its configuration is empty when it does not) */
    private Migration migration(String name, boolean needsSink) {
        return lookup.migration(name, needsSink);
    }

    private static VerifyOptions.Mode mode(String mode) {
        return VerifyJob.mode(mode);
    }

    private static Response ok(Object json) {
        return RestAnswers.ok(json);
    }

    private static Response error(Response.Status status, String message) {
        return RestAnswers.error(status, message);
    }

    private static Response answer(RestAnswers.Call call) {
        return RestAnswers.answer(call);
    }
}
