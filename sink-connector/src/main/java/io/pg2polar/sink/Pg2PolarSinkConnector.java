package io.pg2polar.sink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.Pg2PolarVersion;
import io.pg2polar.common.naming.NameMappingException;
import io.pg2polar.common.precheck.PrecheckFindings;
import io.pg2polar.common.precheck.PrecheckLog;
import io.pg2polar.sink.precheck.TargetPrecheck;

/**
 * The pg2polar sink: applies the source's change topics to PolarDB-O or PostgreSQL. {@code validate()}
 * checks the live target ({@link TargetPrecheck}) before tasks start; {@code start()} logs the whole report.
 */
public class Pg2PolarSinkConnector extends SinkConnector {

    private static final Logger LOG = LoggerFactory.getLogger(Pg2PolarSinkConnector.class);

    private Map<String, String> props;

    @Override
    public String version() {
        return Pg2PolarVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        // validate shows only the FAILs: the log is where an operator sees the whole report
        PrecheckLog.write(LOG, new TargetPrecheck(new Pg2PolarSinkConfig(props)).report());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return Pg2PolarSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int task = 0; task < maxTasks; task++) {
            Map<String, String> config = new LinkedHashMap<>(props);
            config.put(Pg2PolarSinkConfig.TASK_INDEX, Integer.toString(task));
            configs.add(config);
        }
        return configs;
    }

    @Override
    public void stop() {
        props = null;
    }

    @Override
    public ConfigDef config() {
        return Pg2PolarSinkConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        boolean fieldsValid =
                config.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (!fieldsValid) {
            return config;
        }
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        config.configValues().forEach(v -> values.put(v.name(), v));
        Pg2PolarSinkConfig parsed = new Pg2PolarSinkConfig(connectorConfigs);
        if (parsed.applyRetryWindow().compareTo(parsed.connectionRetryWindow()) >= 0) {
            values.get(Pg2PolarSinkConfig.APPLY_RETRY_WINDOW)
                    .addErrorMessage(Pg2PolarSinkConfig.APPLY_RETRY_WINDOW + " ("
                            + parsed.applyRetryWindow().toMinutes() + " min) must be smaller than "
                            + Pg2PolarSinkConfig.CONNECTION_RETRY_WINDOW
                            + " (" + parsed.connectionRetryWindow().toMinutes() + " min).");
            return new Config(new ArrayList<>(values.values()));
        }
        try {
            parsed.nameMapping();
        } catch (NameMappingException e) {
            values.get(e.option()).addErrorMessage(e.getMessage());
            return new Config(new ArrayList<>(values.values()));
        }
        PrecheckFindings.attach(new TargetPrecheck(parsed).run(), values);
        return new Config(new ArrayList<>(values.values()));
    }
}
