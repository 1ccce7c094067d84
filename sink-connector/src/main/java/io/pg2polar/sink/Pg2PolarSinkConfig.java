package io.pg2polar.sink;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

import io.pg2polar.common.config.ConfigDefBuilder;
import io.pg2polar.common.jdbc.PgEndpoint;

/** The sink connector's options, with typed accessors. */
public final class Pg2PolarSinkConfig extends AbstractConfig {

    public static final String CONNECTION_HOST = "connection.host";
    public static final String CONNECTION_PORT = "connection.port";
    public static final String CONNECTION_DATABASE = "connection.database";
    public static final String CONNECTION_USER = "connection.user";
    public static final String CONNECTION_PASSWORD = "connection.password";
    public static final String CONNECTION_TIMEOUT_SECONDS = "connection.timeout.seconds";

    public static final ConfigDef CONFIG_DEF = new ConfigDefBuilder(new ConfigDef())
            .group("Connection")
            .key(CONNECTION_HOST).type(Type.STRING).importance(Importance.HIGH).display("Target host")
            .validator(new ConfigDef.NonEmptyString())
            .doc("Host name or IP address of the target database (PolarDB-O primary endpoint or PostgreSQL server).").define()
            .key(CONNECTION_PORT).type(Type.INT).defaultValue(5432).validator(Range.between(1, 65535))
            .importance(Importance.HIGH).display("Target port")
            .doc("TCP port of the target database. PolarDB-O listens on 1521 by default, PostgreSQL on 5432.").define()
            .key(CONNECTION_DATABASE).type(Type.STRING).importance(Importance.HIGH).display("Target database")
            .validator(new ConfigDef.NonEmptyString())
            .doc("Database on the target that receives the migrated tables. Create it before starting the sink.").define()
            .key(CONNECTION_USER).type(Type.STRING).importance(Importance.HIGH).display("Target user")
            .validator(new ConfigDef.NonEmptyString())
            .doc("Account used to write to the target; it should own the target database, as DTS requires.").define()
            .key(CONNECTION_PASSWORD).type(Type.PASSWORD).defaultValue(null).importance(Importance.HIGH).display("Target password")
            .doc("Password of the target account. Use a config provider placeholder such as ${env:PG2POLAR_TARGET_PASSWORD}"
                    + " so no secret is stored in the connector configuration.").define()
            .key(CONNECTION_TIMEOUT_SECONDS).type(Type.INT).defaultValue(30).validator(Range.between(1, 3600))
            .importance(Importance.LOW).display("Connect timeout (s)")
            .doc("How long to wait for the target to accept a connection before the attempt counts as failed.").define()
            .build();

    public Pg2PolarSinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    public PgEndpoint targetEndpoint() {
        Password password = getPassword(CONNECTION_PASSWORD);
        return new PgEndpoint(getString(CONNECTION_HOST), getInt(CONNECTION_PORT), getString(CONNECTION_DATABASE),
                getString(CONNECTION_USER), password == null ? null : password.value());
    }

    public java.time.Duration connectTimeout() {
        return java.time.Duration.ofSeconds(getInt(CONNECTION_TIMEOUT_SECONDS));
    }
}
