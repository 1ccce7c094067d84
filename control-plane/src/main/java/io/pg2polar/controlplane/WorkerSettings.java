package io.pg2polar.controlplane;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the REST extension takes from the worker's configuration: where the worker's own REST API listens (to
 * pause and delete connectors as a user would), how to reach Kafka, and the config providers that resolve
 * {@code ${env:...}} placeholders in connector configurations.
 */
final class WorkerSettings implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerSettings.class);

    private static final String[] CLIENT_PREFIXES = {
        "bootstrap.servers", "security.protocol", "sasl.", "ssl.", "client.dns.lookup"
    };

    private final URI restUrl;
    private final Map<String, Object> kafkaClientProps;
    private final Map<String, ConfigProvider> providers;

    private WorkerSettings(URI restUrl, Map<String, Object> kafkaClientProps, Map<String, ConfigProvider> providers) {
        this.restUrl = restUrl;
        this.kafkaClientProps = kafkaClientProps;
        this.providers = providers;
    }

    static WorkerSettings from(Map<String, ?> workerConfig) {
        Map<String, Object> clients = new HashMap<>();
        workerConfig.forEach((key, value) -> {
            for (String prefix : CLIENT_PREFIXES) {
                if (key.startsWith(prefix) && value != null) {
                    clients.put(key, value);
                }
            }
        });
        WorkerSettings settings = new WorkerSettings(restUrl(workerConfig), clients, providers(workerConfig));
        LOG.info(
                "pg2polar REST extension: worker REST API at {}, config providers {}",
                settings.restUrl,
                settings.providers.keySet());
        return settings;
    }

    URI restUrl() {
        return restUrl;
    }

    Map<String, Object> kafkaClientProps() {
        return kafkaClientProps;
    }

    /** The configuration with every {@code ${provider:path:key}} placeholder replaced, as the worker does for tasks. */
    Map<String, String> resolve(Map<String, String> config) {
        if (providers.isEmpty()) {
            return config;
        }
        Map<String, String> resolved =
                new ConfigTransformer(providers).transform(config).data();
        resolved.forEach((key, value) -> {
            if (value != null && value.contains("${")) {
                LOG.warn(
                        "Connector setting {} = {} still holds a placeholder after resolving with the worker's config providers {}",
                        key,
                        value,
                        providers.keySet());
            }
        });
        return resolved;
    }

    /** The first listener, with a wildcard host replaced by the loopback address: the extension runs on that worker. */
    private static URI restUrl(Map<String, ?> workerConfig) {
        Object listeners = workerConfig.get("listeners");
        String first = listeners == null || listeners.toString().isBlank()
                ? "http://localhost:8083"
                : listeners.toString().split(",")[0].trim();
        URI uri = URI.create(first);
        String host = uri.getHost() == null
                        || uri.getHost().equals("0.0.0.0")
                        || uri.getHost().equals("::")
                ? "127.0.0.1"
                : uri.getHost();
        return URI.create(uri.getScheme() + "://" + host + ":" + (uri.getPort() < 0 ? 8083 : uri.getPort()));
    }

    /**
     * The worker's config providers. Connect hands extensions the worker's originals without the
     * {@code config.providers} list, so the aliases are taken from the {@code config.providers.<alias>.class} keys.
     */
    private static Map<String, ConfigProvider> providers(Map<String, ?> workerConfig) {
        Map<String, ConfigProvider> providers = new HashMap<>();
        Pattern classKey = Pattern.compile("config\\.providers\\.([^.]+)\\.class");
        for (Map.Entry<String, ?> entry : workerConfig.entrySet()) {
            Matcher matcher = classKey.matcher(entry.getKey());
            if (!matcher.matches() || entry.getValue() == null) {
                continue;
            }
            String alias = matcher.group(1);
            Object className = entry.getValue();
            Map<String, Object> params = new HashMap<>();
            String paramPrefix = "config.providers." + alias + ".param.";
            workerConfig.forEach((key, value) -> {
                if (key.startsWith(paramPrefix)) {
                    params.put(key.substring(paramPrefix.length()), value);
                }
            });
            try {
                ConfigProvider provider = (ConfigProvider)
                        Class.forName(className.toString(), true, WorkerSettings.class.getClassLoader())
                                .getDeclaredConstructor()
                                .newInstance();
                provider.configure(params);
                providers.put(alias, provider);
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalStateException(
                        "Cannot create config provider '" + alias + "' (" + className + "): " + e.getMessage(), e);
            }
        }
        return providers;
    }

    @Override
    public void close() {
        for (ConfigProvider provider : providers.values()) {
            try {
                provider.close();
            } catch (IOException ignored) {
                // nothing to release for the providers Kafka ships
            }
        }
    }
}
