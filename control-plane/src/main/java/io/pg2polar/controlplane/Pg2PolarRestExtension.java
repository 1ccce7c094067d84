package io.pg2polar.controlplane;

import java.util.Map;

import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

import io.pg2polar.common.Pg2PolarVersion;

/**
 * pg2polar's Connect REST extension: {@code /pg2polar/migrations/{name}} for status, verification, cutover and
 * cleanup (see {@link MigrationsResource}). Enable it on the workers with
 * {@code rest.extension.classes=io.pg2polar.controlplane.Pg2PolarRestExtension}; it is loaded from the source
 * plugin's archive on {@code plugin.path}.
 */
public class Pg2PolarRestExtension implements ConnectRestExtension {

    private WorkerSettings worker;

    @Override
    public void configure(Map<String, ?> configs) {
        worker = WorkerSettings.from(configs);
    }

    @Override
    public void register(ConnectRestExtensionContext context) {
        context.configurable().register(new MigrationsResource(context.clusterState(), worker));
    }

    @Override
    public String version() {
        return Pg2PolarVersion.get();
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
    }
}
