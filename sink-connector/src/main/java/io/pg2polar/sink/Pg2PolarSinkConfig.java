package io.pg2polar.sink;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

import io.pg2polar.common.config.ConfigDefBuilder;
import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.jdbc.TlsSettings;
import io.pg2polar.common.naming.NameMapping;
import io.pg2polar.common.naming.NameMappingConfig;
import io.pg2polar.common.sink.TargetConnectionSettings;
import io.pg2polar.common.sink.TargetDialectName;
import io.pg2polar.sink.dialect.TargetDialect;
import io.pg2polar.sink.dialect.TargetDialects;
import io.pg2polar.sink.fk.ForeignKeyMode;
import io.pg2polar.sink.schema.ConflictMode;

/** The sink connector's options, with typed accessors. */
public final class Pg2PolarSinkConfig extends AbstractConfig {

    /** Set by the connector on each task's configuration, not by users. */
    static final String TASK_INDEX = "pg2polar.task.index";

    public static final String CONNECTOR_NAME = "name";
    public static final String CONNECTION_HOST = TargetConnectionSettings.HOST;
    public static final String CONNECTION_PORT = TargetConnectionSettings.PORT;
    public static final String CONNECTION_DATABASE = TargetConnectionSettings.DATABASE;
    public static final String CONNECTION_USER = TargetConnectionSettings.USER;
    public static final String CONNECTION_PASSWORD = TargetConnectionSettings.PASSWORD;
    public static final String CONNECTION_SSLMODE = "connection.sslmode";
    public static final String CONNECTION_SSLROOTCERT = "connection.sslrootcert";
    public static final String CONNECTION_SSLCERT = "connection.sslcert";
    public static final String CONNECTION_SSLKEY = "connection.sslkey";
    public static final String CONNECTION_SSLPASSWORD = "connection.sslpassword";
    public static final String CONNECTION_TIMEOUT_SECONDS = TargetConnectionSettings.TIMEOUT_SECONDS;
    public static final String CONNECTION_READ_TIMEOUT_SECONDS = "connection.read.timeout.seconds";
    public static final String CONNECTION_RETRY_WINDOW = "connection.retry.window";
    public static final String APPLY_RETRY_WINDOW = "apply.retry.window";
    public static final String APPLY_FOREIGN_KEYS = "apply.foreign.keys";
    public static final String TARGET_DIALECT = TargetConnectionSettings.DIALECT;
    public static final String CONFLICT_MODE = "conflict.mode";
    public static final String RENAME_WAIT_MS = "rename.wait.ms";
    public static final String FULL_LOAD_DEFER_INDEXES = "full.load.defer.indexes";

    public static final ConfigDef CONFIG_DEF = NameMappingConfig.define(new ConfigDefBuilder(new ConfigDef())
                    .group("Connection")
                    .key(CONNECTION_HOST)
                    .type(Type.STRING)
                    .importance(Importance.HIGH)
                    .display("Target host")
                    .validator(new ConfigDef.NonEmptyString())
                    .doc(
                            "Host name or IP address of the target database (PolarDB-O primary endpoint or PostgreSQL server).")
                    .define()
                    .key(CONNECTION_PORT)
                    .type(Type.INT)
                    .defaultValue(null)
                    .validator(ConfigDef.LambdaValidator.with(
                            (name, value) -> {
                                if (value != null) {
                                    Range.between(1, 65535).ensureValid(name, value);
                                }
                            },
                            () -> "[1,...,65535], or empty for the dialect's default"))
                    .importance(Importance.HIGH)
                    .display("Target port")
                    .doc(
                            "TCP port of the target database. Empty: the dialect's default, 1521 for polardb-o, 5432 for postgresql.")
                    .define()
                    .key(CONNECTION_DATABASE)
                    .type(Type.STRING)
                    .importance(Importance.HIGH)
                    .display("Target database")
                    .validator(new ConfigDef.NonEmptyString())
                    .doc(
                            "Database on the target that receives the migrated tables. Create it before starting the sink.")
                    .define()
                    .key(CONNECTION_USER)
                    .type(Type.STRING)
                    .importance(Importance.HIGH)
                    .display("Target user")
                    .validator(new ConfigDef.NonEmptyString())
                    .doc("Account used to write to the target; it should own the target database, as DTS requires.")
                    .define()
                    .key(CONNECTION_PASSWORD)
                    .type(Type.PASSWORD)
                    .defaultValue(null)
                    .importance(Importance.HIGH)
                    .display("Target password")
                    .doc(
                            "Password of the target account. Use a config provider placeholder such as ${env:PG2POLAR_TARGET_PASSWORD}"
                                    + " so no secret is stored in the connector configuration.")
                    .define()
                    .key(CONNECTION_TIMEOUT_SECONDS)
                    .type(Type.INT)
                    .defaultValue(30)
                    .validator(Range.between(1, 3600))
                    .importance(Importance.LOW)
                    .display("Connect timeout (s)")
                    .doc("How long to wait for the target to accept a connection before the attempt counts as failed.")
                    .define()
                    .key(CONNECTION_READ_TIMEOUT_SECONDS)
                    .type(Type.INT)
                    .defaultValue(60)
                    .validator(Range.between(0, 86_400))
                    .importance(Importance.LOW)
                    .display("Read timeout (s)")
                    .doc(
                            "How long a statement may go unanswered by the target before the connection counts as lost and is opened"
                                    + " again (retried within connection.retry.window). A network partition or a host that died sends no reset,"
                                    + " so without it the sink would wait for TCP to give up, hours with the usual kernel settings. Schema"
                                    + " changes and index builds wait as long as they take. A statement waiting longer for a lock held on the"
                                    + " target is retried too. 0 waits forever. Default 60.")
                    .define()
                    .key(TARGET_DIALECT)
                    .type(Type.STRING)
                    .defaultValue(TargetDialectName.POSTGRESQL.value())
                    .validator(ConfigDef.ValidString.in(TargetDialectName.configValues()))
                    .importance(Importance.HIGH)
                    .display("Target dialect")
                    .doc(
                            "The kind of target. 'polardb-o': PolarDB for PostgreSQL (Compatible with Oracle) - default port 1521, DATE"
                                    + " columns created as TIMESTAMP(0) as its polar_comp_redwood_date does, explicit session time zone and"
                                    + " float precision. 'postgresql': PostgreSQL or another PostgreSQL-compatible database.")
                    .define()
                    .group("Connection TLS")
                    .key(CONNECTION_SSLMODE)
                    .type(Type.STRING)
                    .defaultValue("prefer")
                    .validator(ConfigDef.ValidString.in(TlsSettings.MODES.toArray(String[]::new)))
                    .importance(Importance.MEDIUM)
                    .display("TLS mode")
                    .doc(
                            "Whether and how the target's sessions use TLS, as pgjdbc's and libpq's sslmode (and the source's"
                                    + " database.sslmode): 'disable' never; 'allow' only when the server insists; 'prefer' (default) when the server"
                                    + " offers it, without checking its certificate; 'require' always, without checking the certificate;"
                                    + " 'verify-ca' always, checking the server's certificate against connection.sslrootcert; 'verify-full' as"
                                    + " verify-ca and also that the certificate names connection.host. Use verify-full across networks you do not"
                                    + " control: the others let a man in the middle read rows and passwords.")
                    .define()
                    .key(CONNECTION_SSLROOTCERT)
                    .type(Type.STRING)
                    .defaultValue(null)
                    .importance(Importance.MEDIUM)
                    .display("TLS CA certificate file")
                    .doc(
                            "With verify-ca or verify-full: a PEM file of the CA certificate(s) that signed the target server's certificate,"
                                    + " readable on every worker. Empty: ~/.postgresql/root.crt of the worker's user.")
                    .define()
                    .key(CONNECTION_SSLCERT)
                    .type(Type.STRING)
                    .defaultValue(null)
                    .importance(Importance.MEDIUM)
                    .display("TLS client certificate file")
                    .doc(
                            "A client certificate (PEM or DER) to present to the target, for pg_hba 'cert' authentication or"
                                    + " clientcert=verify-full; its common name is the user name. Empty: ~/.postgresql/postgresql.crt if it exists.")
                    .define()
                    .key(CONNECTION_SSLKEY)
                    .type(Type.STRING)
                    .defaultValue(null)
                    .importance(Importance.MEDIUM)
                    .display("TLS client key file")
                    .doc(
                            "The private key of connection.sslcert: PKCS-8 DER (.pk8, optionally encrypted), PKCS-12 (.p12 or .pfx, which"
                                    + " may hold the certificate too) or PEM (.pem). Empty: ~/.postgresql/postgresql.pk8 if it exists.")
                    .define()
                    .key(CONNECTION_SSLPASSWORD)
                    .type(Type.PASSWORD)
                    .defaultValue(null)
                    .importance(Importance.MEDIUM)
                    .display("TLS client key password")
                    .doc("The password of an encrypted connection.sslkey. Use a config provider placeholder such as"
                            + " ${file:/etc/pg2polar/secrets.properties:target.sslpassword} so it is not stored in the connector"
                            + " configuration.")
                    .define()
                    .group("Retries")
                    .key(CONNECTION_RETRY_WINDOW)
                    .type(Type.INT)
                    .defaultValue(120)
                    .validator(Range.between(10, 1440))
                    .importance(Importance.MEDIUM)
                    .display("Retry window for a lost connection (min)")
                    .doc(
                            "Minutes during which a lost or refused target connection is retried (DTS's 'Retry Time for Failed"
                                    + " Connections'). A target restart or failover shorter than this is ridden out without losing a change;"
                                    + " past it the task fails and says why. 10 to 1440, default 120.")
                    .define()
                    .key(APPLY_RETRY_WINDOW)
                    .type(Type.INT)
                    .defaultValue(10)
                    .validator(Range.between(1, 1440))
                    .importance(Importance.MEDIUM)
                    .display("Retry window for failing statements (min)")
                    .doc(
                            "Minutes during which a change the target rejects is retried (DTS's 'Retry time for other issues'), e.g. while"
                                    + " a DBA fixes a constraint. Past it the task fails naming the table, the key and the cause - or, with"
                                    + " errors.tolerance=all, the rejected records go to the errant record reporter (dead letter queue) and the"
                                    + " rest is applied. Must be smaller than connection.retry.window. 1 to 1440, default 10.")
                    .define()
                    .group("Writes")
                    .key(APPLY_FOREIGN_KEYS)
                    .type(Type.STRING)
                    .defaultValue(ForeignKeyMode.AUTO.value())
                    .validator(ConfigDef.ValidString.in(
                            ForeignKeyMode.AUTO.value(),
                            ForeignKeyMode.REPLICA_ROLE.value(),
                            ForeignKeyMode.HOLD_BACK.value()))
                    .importance(Importance.MEDIUM)
                    .display("How foreign keys are suspended")
                    .doc(
                            "Rows of different tables arrive in any order, so foreign-key checks must not run while changes are applied."
                                    + " 'replica-role': each session runs SET session_replication_role = replica (needs superuser, or on"
                                    + " PostgreSQL 15+ GRANT SET ON PARAMETER session_replication_role). 'hold-back': for a database owner"
                                    + " without that privilege (managed targets), the sink drops the target's foreign keys and disables user"
                                    + " triggers at start, keeping their definitions in pg2polar.held_foreign_keys; call SELECT"
                                    + " pg2polar.restore_foreign_keys() at cutover to re-create them NOT VALID and VALIDATE them. 'auto'"
                                    + " (default): replica-role where the account may, else hold-back.")
                    .define()
                    .group("Schema")
                    .key(CONFLICT_MODE)
                    .type(Type.STRING)
                    .defaultValue(ConflictMode.PRECHECK.value())
                    .validator(ConfigDef.ValidString.in(ConflictMode.PRECHECK.value(), ConflictMode.IGNORE.value()))
                    .importance(Importance.HIGH)
                    .display("Conflicting tables")
                    .doc(
                            "What to do when a migrated table already exists on the target (DTS's 'Processing Mode of Conflicting"
                                    + " Tables'). 'precheck' (default): a target table that already holds rows or differs from the source's"
                                    + " definition stops the sink, listing the target tables that hold rows. 'ignore': go on; the full load"
                                    + " keeps a target row with the same key, and a differing definition is left as it is.")
                    .define()
                    .key(RENAME_WAIT_MS)
                    .type(Type.LONG)
                    .defaultValue(60_000L)
                    .validator(Range.between(0, 3_600_000))
                    .importance(Importance.LOW)
                    .display("Wait for a rename's old topic (ms)")
                    .doc(
                            "A renamed table's changes continue in the new name's topic, which this sink reads independently of the"
                                    + " old name's. The new name's topic waits at the rename until the old name's topic has been applied up"
                                    + " to it, so changes keep their source order, for at most this long; past it (the old name's topic is"
                                    + " not read by this sink, say) the rename is applied and the old name's late rows follow the renamed"
                                    + " table. 0 to 3600000, default 60000.")
                    .define()
                    .key(FULL_LOAD_DEFER_INDEXES)
                    .type(Type.BOOLEAN)
                    .defaultValue(true)
                    .importance(Importance.LOW)
                    .display("Build indexes after the full load")
                    .doc(
                            "Whether a table's plain (non-unique) indexes are dropped when its full load begins and built again"
                                    + " after its last rows, in the transactions of its first and last chunks, as pg_dump's output does."
                                    + " Until then the definitions are kept in pg2polar.deferred_indexes; SELECT"
                                    + " pg2polar.restore_deferred_indexes() builds them by hand if a load is abandoned. Keys, unique"
                                    + " constraints and unique indexes stay (foreign keys of tables created meanwhile need them), as do the"
                                    + " replica identity index and the indexes of partitioned tables. Applies to the COPY full load (snapshot.transport=copy). Default true.")
                    .define())
            .build();

    public Pg2PolarSinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    public PgEndpoint targetEndpoint() {
        Password password = getPassword(CONNECTION_PASSWORD);
        return TargetConnectionSettings.endpoint(
                getString(CONNECTION_HOST),
                getInt(CONNECTION_PORT),
                getString(CONNECTION_DATABASE),
                getString(CONNECTION_USER),
                password == null ? null : password.value(),
                TargetDialectName.of(getString(TARGET_DIALECT)),
                tls());
    }

    /** How the target's sessions use TLS. */
    public TlsSettings tls() {
        Password keyPassword = getPassword(CONNECTION_SSLPASSWORD);
        return new TlsSettings(
                getString(CONNECTION_SSLMODE),
                getString(CONNECTION_SSLROOTCERT),
                getString(CONNECTION_SSLCERT),
                getString(CONNECTION_SSLKEY),
                keyPassword == null ? null : keyPassword.value(),
                null);
    }

    public TargetDialect dialect() {
        return TargetDialects.forName(getString(TARGET_DIALECT));
    }

    public Duration renameWait() {
        return Duration.ofMillis(getLong(RENAME_WAIT_MS));
    }

    public boolean deferIndexes() {
        return getBoolean(FULL_LOAD_DEFER_INDEXES);
    }

    public ConflictMode conflictMode() {
        return ConflictMode.parse(getString(CONFLICT_MODE));
    }

    /** How source names map to target names. */
    public NameMapping nameMapping() {
        return NameMapping.parse(
                getString(NameMappingConfig.SCHEMAS),
                getString(NameMappingConfig.TABLES),
                getString(NameMappingConfig.COLUMNS),
                getString(NameMappingConfig.TABLE_PATTERN),
                getString(NameMappingConfig.TABLE_REPLACEMENT));
    }

    /** The task's index, which the connector adds to each task's configuration (names its JMX metrics). */
    public int taskIndex() {
        return Integer.parseInt(originalsStrings().getOrDefault(TASK_INDEX, "0"));
    }

    /** The connector's name, which keys its applied offsets on the target. */
    public String connectorName() {
        String name = originalsStrings().get(CONNECTOR_NAME);
        return name == null ? "pg2polar-sink" : name;
    }

    public Duration connectTimeout() {
        return Duration.ofSeconds(getInt(CONNECTION_TIMEOUT_SECONDS));
    }

    public Duration readTimeout() {
        return Duration.ofSeconds(getInt(CONNECTION_READ_TIMEOUT_SECONDS));
    }

    public Duration connectionRetryWindow() {
        return Duration.ofMinutes(getInt(CONNECTION_RETRY_WINDOW));
    }

    public Duration applyRetryWindow() {
        return Duration.ofMinutes(getInt(APPLY_RETRY_WINDOW));
    }

    public ForeignKeyMode foreignKeyMode() {
        return ForeignKeyMode.parse(getString(APPLY_FOREIGN_KEYS));
    }
}
