package io.pg2polar.controlplane;

import java.util.Map;

import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

import io.pg2polar.common.Pg2PolarVersion;

/**
 * pg2polar's Connect REST extension: {@code /pg2polar/migrations/{name}} for status, verification, cutover and
 * cleanup (see {@link MigrationsResource}), their background jobs ({@link MigrationJobsResource}), and the migration
 * console at {@code /pg2polar/ui/} ({@link ConsoleResource}). Enable it on the workers with
 * {@code rest.extension.classes=io.pg2polar.controlplane.Pg2PolarRestExtension}; it is loaded from the source
 * plugin's archive on {@code plugin.path}.
 */
public class Pg2PolarRestExtension implements ConnectRestExtension {

    private WorkerSettings worker;
    private boolean basicAuth;
    private final MigrationJobs jobs = new MigrationJobs();

    @Override
    public void configure(Map<String, ?> configs) {
        worker = WorkerSettings.from(configs);
        basicAuth = BasicAuthChallenge.needed(configs.get("rest.extension.classes"));
    }

    @Override
    public void register(ConnectRestExtensionContext context) {
        context.configurable().register(new MigrationsResource(context.clusterState(), worker));
        context.configurable().register(new MigrationJobsResource(context.clusterState(), worker, jobs));
        context.configurable().register(new ConsoleResource());
        if (basicAuth) {
            context.configurable().register(new BasicAuthChallenge());
        }
    }

    @Override
    public String version() {
        return Pg2PolarVersion.get();
    }

    @Override
    public void close() {
        jobs.close();
        if (worker != null) {
            worker.close();
        }
    }
}
