package io.pg2polar.sink.precheck;

import org.junit.jupiter.api.Test;

import io.pg2polar.common.jdbc.ConnectionFields;
import io.pg2polar.common.jdbc.TlsSettings;
import io.pg2polar.common.precheck.TargetChecks;
import io.pg2polar.sink.Pg2PolarSinkConfig;
import io.pg2polar.sink.fk.ForeignKeyMode;
import io.pg2polar.sink.schema.ConflictMode;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** TargetChecks names the sink's keys and values without seeing the sink: they must stay the sink's. */
class TargetCheckFieldsTest {

    @Test
    void targetCheckFieldsAreTheSinksKeys() {
        assertEquals(Pg2PolarSinkConfig.CONNECTION_HOST, TargetChecks.HOST_FIELD);
        assertEquals(Pg2PolarSinkConfig.CONNECTION_DATABASE, TargetChecks.DATABASE_FIELD);
        assertEquals(Pg2PolarSinkConfig.CONNECTION_USER, TargetChecks.USER_FIELD);
        assertEquals(Pg2PolarSinkConfig.CONNECTION_PASSWORD, TargetChecks.PASSWORD_FIELD);
        assertEquals(Pg2PolarSinkConfig.APPLY_FOREIGN_KEYS, TargetChecks.FOREIGN_KEYS_FIELD);
        assertEquals(Pg2PolarSinkConfig.CONFLICT_MODE, TargetChecks.CONFLICT_MODE_FIELD);
        assertEquals(Pg2PolarSinkConfig.TARGET_DIALECT, TargetChecks.DIALECT_FIELD);
    }

    @Test
    void connectionFieldsAreTheSinksKeys() {
        ConnectionFields target = ConnectionFields.TARGET;
        assertEquals(Pg2PolarSinkConfig.CONNECTION_HOST, target.host());
        assertEquals(Pg2PolarSinkConfig.CONNECTION_PORT, target.port());
        assertEquals(Pg2PolarSinkConfig.CONNECTION_DATABASE, target.database());
        assertEquals(Pg2PolarSinkConfig.CONNECTION_USER, target.user());
        assertEquals(Pg2PolarSinkConfig.CONNECTION_PASSWORD, target.password());
        assertEquals(Pg2PolarSinkConfig.CONNECTION_SSLMODE, target.tls(TlsSettings.MODE));
        assertEquals(Pg2PolarSinkConfig.CONNECTION_SSLROOTCERT, target.tls(TlsSettings.ROOT_CERT));
        assertEquals(Pg2PolarSinkConfig.CONNECTION_SSLCERT, target.tls(TlsSettings.CERT));
        assertEquals(Pg2PolarSinkConfig.CONNECTION_SSLKEY, target.tls(TlsSettings.KEY));
        assertEquals(Pg2PolarSinkConfig.CONNECTION_SSLPASSWORD, target.tls(TlsSettings.KEY_PASSWORD));
        assertEquals(
                Pg2PolarSinkConfig.CONFIG_DEF.configKeys().keySet().stream()
                        .filter(k -> k.contains(".ssl"))
                        .count(),
                5);
    }

    @Test
    void targetCheckValuesAreTheSinksValues() {
        assertEquals("auto", ForeignKeyMode.AUTO.value());
        assertEquals("replica-role", ForeignKeyMode.REPLICA_ROLE.value());
        assertEquals("hold-back", ForeignKeyMode.HOLD_BACK.value());
        assertEquals("precheck", ConflictMode.PRECHECK.value());
        assertEquals("ignore", ConflictMode.IGNORE.value());
    }
}
