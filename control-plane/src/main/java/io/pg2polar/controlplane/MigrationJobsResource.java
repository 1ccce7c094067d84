package io.pg2polar.controlplane;

import java.time.Duration;
import java.util.Locale;

import org.apache.kafka.connect.health.ConnectClusterState;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
import jakarta.ws.rs.core.UriBuilder;

/**
 * {@code /pg2polar/migrations/{name}/jobs}: a verification or a cutover started in the background (202 with the job),
 * then polled until it ends, each table's result or each step's outcome showing as soon as it has one. Jobs live on
 * the worker that runs them; the synchronous {@code verify} and {@code cutover} calls of {@link MigrationsResource}
 * do the same work in one call.
 */
@Path("/pg2polar/migrations/{name}/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class MigrationJobsResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectClusterState cluster;
    private final WorkerSettings worker;
    private final MigrationLookup lookup;
    private final MigrationJobs jobs;

    MigrationJobsResource(ConnectClusterState cluster, WorkerSettings worker, MigrationJobs jobs) {
        this.cluster = cluster;
        this.worker = worker;
        this.lookup = new MigrationLookup(cluster, worker);
        this.jobs = jobs;
    }

    /** The migration's jobs on this worker, newest first. */
    @GET
    public Response list(@PathParam("name") String name) {
        return RestAnswers.answer(() -> {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode list = root.putArray("jobs");
            jobs.of(name).forEach(job -> list.add(job.json()));
            return RestAnswers.ok(root);
        });
    }

    @GET
    @Path("/{id}")
    public Response job(@PathParam("name") String name, @PathParam("id") String id) {
        return RestAnswers.answer(() -> RestAnswers.ok(jobs.find(name, id)
                .orElseThrow(() -> new UnknownJobException("This worker knows no job "
                        + id + " of migration " + name + ": a job is kept by the worker that runs it, for "
                        + MigrationJobs.KEEP_ENDED.toMinutes()
                        + " minutes after it ended"))
                .json()));
    }

    /** Starts a verification: the parameters of {@code POST /pg2polar/migrations/{name}/verify}. */
    @POST
    @Path("/verify")
    public Response verify(
            @PathParam("name") String name,
            @QueryParam("mode") @DefaultValue("full") String mode,
            @QueryParam("samplePercent") @DefaultValue("10") int samplePercent,
            @QueryParam("recheckDelaySeconds") @DefaultValue("10") int recheckDelaySeconds) {
        return RestAnswers.answer(() -> {
            Migration migration = lookup.migration(name, true);
            return accepted(jobs.start(new VerifyJob(
                    migration,
                    VerifyJob.options(migration, VerifyJob.mode(mode), samplePercent, recheckDelaySeconds))));
        });
    }

    /** Starts a cutover: the parameters of {@code POST /pg2polar/migrations/{name}/cutover}, without its dry run. */
    @POST
    @Path("/cutover")
    public Response cutover(
            @PathParam("name") String name,
            @QueryParam("timeoutSeconds") @DefaultValue("300") int timeoutSeconds,
            @QueryParam("verify") @DefaultValue("none") String verify,
            @QueryParam("action") @DefaultValue("pause") String action,
            @QueryParam("revokeWrites") @DefaultValue("false") boolean revokeWrites,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return RestAnswers.answer(() -> {
            Cutover.Options options = new Cutover.Options(
                    false,
                    Duration.ofSeconds(timeoutSeconds),
                    "none".equalsIgnoreCase(verify) ? null : VerifyJob.mode(verify),
                    Cutover.Action.valueOf(action.toUpperCase(Locale.ROOT)),
                    revokeWrites);
            return accepted(jobs.start(new CutoverJob(
                    name, new Cutover(lookup.migration(name, true), cluster, worker, options, authorization))));
        });
    }

    private static Response accepted(MigrationJob job) {
        return Response.status(Response.Status.ACCEPTED)
                .location(UriBuilder.fromPath("/pg2polar/migrations/{name}/jobs/{id}")
                        .build(job.migration(), job.id()))
                .entity(job.json().toString())
                .build();
    }
}
