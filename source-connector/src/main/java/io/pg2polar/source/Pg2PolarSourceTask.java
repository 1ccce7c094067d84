package io.pg2polar.source;

import io.debezium.connector.postgresql.PostgresConnectorTask;
import io.pg2polar.common.Pg2PolarVersion;

/**
 * The source task: Debezium's PostgreSQL capture task, run with the configuration the connector completed
 * with migration defaults.
 */
public class Pg2PolarSourceTask extends PostgresConnectorTask {

    @Override
    public String version() {
        return Pg2PolarVersion.get();
    }
}
