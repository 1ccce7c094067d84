package io.pg2polar.source;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigException;

import io.pg2polar.common.ChangeEventConventions;
import io.pg2polar.common.config.ConfigDefBuilder;
import io.pg2polar.common.jdbc.ConnectionFields;
import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.naming.ReplicationNames;
import io.pg2polar.common.sink.TargetConnectionSettings;
import io.pg2polar.common.sink.TargetDialectName;
import io.pg2polar.source.convert.PgTextConverter;
import io.pg2polar.source.filter.FilteredPublication;
import io.pg2polar.source.filter.RowCondition;
import io.pg2polar.source.filter.RowFilters;
import io.pg2polar.source.jdbc.DebeziumConnectionFactory;
import io.pg2polar.source.topic.TableTopicNaming;

/**
 * The source connector's own options and the migration-safe defaults it gives Debezium. Every Debezium
 * PostgreSQL option passes through unchanged; a default applies only where the user set nothing.
 */
public final class Pg2PolarSourceConfig {

    public static final String MIGRATION_TYPE = "migration.type";
    public static final String SCHEMA_MIGRATION = "schema.migration";
    public static final String DDL_CAPTURE = "ddl.capture";
    public static final String SEQUENCE_SYNC_INTERVAL_MS = "sequence.sync.interval.ms";
    public static final String TARGET_DIALECT = TargetConnectionSettings.DIALECT;
    public static final String REPLICA_IDENTITY_AUTOSET = "replica.identity.autoset";
    public static final String SNAPSHOT_TRANSPORT = "snapshot.transport";
    public static final String SNAPSHOT_CHUNK_BYTES = "snapshot.chunk.bytes";
    public static final String SNAPSHOT_RANGE_BYTES = "snapshot.range.bytes";

    static final String CONNECTOR_NAME = "name";
    static final String HOSTNAME = "database.hostname";
    static final String PORT = "database.port";
    static final String USER = "database.user";
    static final String PASSWORD = "database.password";
    static final String DBNAME = "database.dbname";
    static final String SNAPSHOT_MODE = "snapshot.mode";
    static final String TOPIC_PREFIX = "topic.prefix";
    static final String TOPIC_NAMING_STRATEGY = "topic.naming.strategy";
    static final String TOPIC_PARTITIONS = "topic.creation.default.partitions";
    static final String TOPIC_REPLICATION = "topic.creation.default.replication.factor";
    static final String CONVERTERS = "converters";
    static final String PG_TEXT_CONVERTER = "pgtext";
    static final String UNAVAILABLE_VALUE_PLACEHOLDER = "unavailable.value.placeholder";
    public static final String HEARTBEAT_INTERVAL_MS = "heartbeat.interval.ms";
    public static final String HEARTBEAT_ACTION_QUERY = "heartbeat.action.query";
    public static final String SLOT_NAME = "slot.name";
    static final String PUBLICATION_AUTOCREATE_MODE = "publication.autocreate.mode";
    static final String PUBLICATION_NAME = "publication.name";
    static final String SNAPSHOT_OVERRIDES = "snapshot.select.statement.overrides";
    static final String CONNECTION_FACTORY = "database.connection.factory.class";
    static final String DRIVER_SOCKET_TIMEOUT = "driver.socketTimeout";

    private final Map<String, String> props;
    private final MigrationType migrationType;

    public Pg2PolarSourceConfig(Map<String, String> userProps) {
        this.migrationType =
                MigrationType.parse(userProps.getOrDefault(MIGRATION_TYPE, MigrationType.FULL_AND_INCREMENTAL.value()));
        this.props = withMigrationDefaults(userProps, migrationType);
    }

    /** Our keys only; Debezium's ConfigDef is merged in by the connector. */
    public static ConfigDef configDef() {
        return new ConfigDefBuilder(new ConfigDef())
                .group("Migration")
                .key(MIGRATION_TYPE)
                .type(ConfigDef.Type.STRING)
                .defaultValue(MigrationType.FULL_AND_INCREMENTAL.value())
                .validator(ConfigDef.ValidString.in(
                        MigrationType.FULL.value(),
                        MigrationType.FULL_AND_INCREMENTAL.value(),
                        MigrationType.INCREMENTAL.value()))
                .importance(Importance.HIGH)
                .display("Migration type")
                .doc(
                        "What to migrate, as DTS offers it. 'full+incremental' (default): copy every row of the selected tables"
                                + " from one consistent snapshot, then stream every later change until cutover - the application keeps"
                                + " running. 'full': copy the rows once and stop (stop writes to the source first; no replication slot"
                                + " is created). 'incremental': stream only changes committed after the connector created its"
                                + " replication slot. Sets Debezium's snapshot.mode; do not set both.")
                .define()
                .key(SCHEMA_MIGRATION)
                .type(ConfigDef.Type.BOOLEAN)
                .defaultValue(true)
                .importance(Importance.HIGH)
                .display("Schema migration")
                .doc(
                        "When the migration starts, send each captured table's definition (columns with exact types, the enums,"
                                + " domains, composite types and sequences they use, defaults, NOT NULL, identity and generated columns,"
                                + " primary key, unique, check and foreign-key constraints, indexes, partitions, comments) ahead of its"
                                + " rows, so the sink creates what the target lacks and checks what it has. Turn off to create the"
                                + " target schema yourself, as DTS requires without schema migration.")
                .define()
                .key(DDL_CAPTURE)
                .type(ConfigDef.Type.BOOLEAN)
                .defaultValue(true)
                .importance(Importance.HIGH)
                .display("DDL replication")
                .doc(
                        "Replicate DDL during incremental migration: event triggers on the source (schema pg2polar, removed with"
                                + " SELECT pg2polar.uninstall()) record each table's definition after CREATE/ALTER/DROP TABLE, renames,"
                                + " CREATE/DROP INDEX and constraint changes, and the sink brings the target table in line, in WAL order"
                                + " with the rows. Needs a superuser on the source (event triggers), and then publishes all tables"
                                + " (publication.autocreate.mode = all_tables) so tables created later are captured. DDL from sessions"
                                + " with session_replication_role = replica is not replicated. Set false for a non-superuser account.")
                .define()
                .key(SEQUENCE_SYNC_INTERVAL_MS)
                .type(ConfigDef.Type.LONG)
                .defaultValue(10_000L)
                .validator(ConfigDef.Range.atLeast(1000))
                .importance(Importance.MEDIUM)
                .display("Sequence resync interval (ms)")
                .doc(
                        "How often the position of every sequence in the migrated schemas (serial, identity and standalone) is sent"
                                + " to the sink, which moves each target sequence up to at least the source's last value, never back. After"
                                + " cutover, inserts on the target that use the sequences do not collide with migrated keys.")
                .define()
                .key(TARGET_DIALECT)
                .type(ConfigDef.Type.STRING)
                .defaultValue(TargetDialectName.POSTGRESQL.value())
                .validator(ConfigDef.ValidString.in(TargetDialectName.configValues()))
                .importance(Importance.MEDIUM)
                .display("Target dialect")
                .doc(
                        "The kind of database the migration feeds, for the prechecks that depend on it: with 'polardb-o', validate"
                                + " refuses to start while NOT NULL text columns hold '' (PolarDB-O stores '' as NULL). Set it as on the sink.")
                .define()
                .key(REPLICA_IDENTITY_AUTOSET)
                .type(ConfigDef.Type.BOOLEAN)
                .defaultValue(false)
                .importance(Importance.MEDIUM)
                .display("Set missing replica identities")
                .doc(
                        "Tables without a primary key need a replica identity for their UPDATEs and DELETEs to be replicated (and, once"
                                + " published, for them to succeed on the source at all). false (default): the precheck refuses to start and"
                                + " lists the ALTER TABLE ... REPLICA IDENTITY statements to run. true: the connector runs them when it starts"
                                + " (USING INDEX of a unique index on NOT NULL columns where there is one, else FULL).")
                .define()
                .key(SNAPSHOT_TRANSPORT)
                .type(ConfigDef.Type.STRING)
                .defaultValue("copy")
                .validator(ConfigDef.ValidString.in("copy", "rows"))
                .importance(Importance.MEDIUM)
                .display("Full load transport")
                .doc(
                        "How the full load's rows travel. 'copy' (default): each table is read with COPY ... TO STDOUT in key ranges"
                                + " (snapshot.range.bytes), each in its own short transaction, on snapshot.max.threads sessions, while changes"
                                + " stream from the start; chunks are sent as pg2polar.control copy-chunk events of many rows in COPY text"
                                + " format, which the sink loads with COPY FROM STDIN - dozens of times faster than one Debezium event per row,"
                                + " and exact for every type. A task that stops goes on with the next chunk. 'rows': Debezium's own snapshot,"
                                + " one change event (op 'r') per row in one long snapshot, started over when interrupted, for consumers of the"
                                + " change topics that need the initial rows as Debezium events.")
                .define()
                .key(SNAPSHOT_CHUNK_BYTES)
                .type(ConfigDef.Type.INT)
                .defaultValue(512 * 1024)
                .validator(ConfigDef.Range.between(4096, 64 * 1024 * 1024))
                .importance(Importance.LOW)
                .display("Copy chunk size (bytes)")
                .doc(
                        "With snapshot.transport=copy, how many bytes of COPY text one chunk event carries at most (a row longer than"
                                + " that travels alone). A chunk is one Kafka record: with JsonConverter it grows by a third (base64), so keep"
                                + " 1.4 x this below the producer's max.request.size and the topic's max.message.bytes (both 1 MiB by"
                                + " default).")
                .define()
                .key(SNAPSHOT_RANGE_BYTES)
                .type(ConfigDef.Type.LONG)
                .defaultValue(8L * 1024 * 1024)
                .validator(ConfigDef.Range.between(64 * 1024, 1024L * 1024 * 1024))
                .importance(Importance.LOW)
                .display("Full-load chunk size (bytes)")
                .doc(
                        "With snapshot.transport=copy, about how many bytes of a table (by its size on disk) one chunk reads, in one"
                                + " transaction, as one key range: the unit of parallel reading and of resuming. A task that stops reads at most"
                                + " twice snapshot.max.threads chunks again; smaller chunks cost a little more per row. A table without a primary"
                                + " key is read as one chunk whatever its size.")
                .define()
                .build();
    }

    /** Whether the full load travels as COPY chunks rather than one Debezium event per row. */
    public boolean copiesSnapshot() {
        return "copy".equals(props.getOrDefault(SNAPSHOT_TRANSPORT, "copy").trim());
    }

    public int snapshotChunkBytes() {
        return Integer.parseInt(props.getOrDefault(SNAPSHOT_CHUNK_BYTES, Integer.toString(512 * 1024))
                .trim());
    }

    /** About how many bytes of a table one full-load chunk reads. */
    public long snapshotRangeBytes() {
        return Long.parseLong(props.getOrDefault(SNAPSHOT_RANGE_BYTES, Long.toString(8L * 1024 * 1024))
                .trim());
    }

    /** How many sessions the full load reads with: Debezium's {@code snapshot.max.threads}. */
    public int snapshotThreads() {
        return Math.max(
                1,
                Integer.parseInt(props.getOrDefault("snapshot.max.threads", "1").trim()));
    }

    /** Whether the task gives tables without one a replica identity at start. */
    public boolean replicaIdentityAutoset() {
        return Boolean.parseBoolean(
                props.getOrDefault(REPLICA_IDENTITY_AUTOSET, "false").trim());
    }

    /** Whether the migration feeds PolarDB-O, whose own prechecks then run. */
    public boolean targetIsPolarDb() {
        return TargetDialectName.of(props.get(TARGET_DIALECT)) == TargetDialectName.POLARDB_O;
    }

    public java.time.Duration sequenceSyncInterval() {
        return java.time.Duration.ofMillis(Long.parseLong(
                props.getOrDefault(SEQUENCE_SYNC_INTERVAL_MS, "10000").trim()));
    }

    /** Whether DDL is captured on the source and replicated (only where changes stream). */
    public boolean ddlCapture() {
        return migrationType.streams()
                && Boolean.parseBoolean(props.getOrDefault(DDL_CAPTURE, "true").trim());
    }

    /** Whether table definitions are sent ahead of the rows. */
    public boolean schemaMigration() {
        return Boolean.parseBoolean(props.getOrDefault(SCHEMA_MIGRATION, "true").trim());
    }

    public MigrationType migrationType() {
        return migrationType;
    }

    /** The full configuration handed to Debezium: the user's settings plus our defaults. */
    public Map<String, String> debeziumProps() {
        return props;
    }

    /**
     * DDL capture's log table must be captured like any table, whatever the include lists say, and tables created
     * later must be published: a publication for all tables (DDL capture needs a superuser anyway).
     */
    private static void withDdlCaptureDefaults(Map<String, String> props) {
        props.putIfAbsent(PUBLICATION_AUTOCREATE_MODE, "all_tables");
        props.computeIfPresent(
                "table.include.list", (k, v) -> v.contains("pg2polar\\.ddl_log") ? v : v + ",pg2polar\\.ddl_log");
        props.computeIfPresent("schema.include.list", (k, v) -> v.contains("pg2polar") ? v : v + ",pg2polar");
    }

    /**
     * Row filters: the snapshot reads each filtered table with its condition, and the task maintains the
     * publication itself, with the conditions as publication row filters ({@link FilteredPublication}).
     */
    private static void withRowFilterDefaults(Map<String, String> props, RowFilters filters) {
        props.put(PUBLICATION_AUTOCREATE_MODE, "disabled");
        java.util.List<String> overridden = new java.util.ArrayList<>();
        filters.conditions().forEach((table, condition) -> {
            // a filter that is not one expression is never put into SQL: validate refuses it and the task fails on it
            if (RowFilters.problemOf(table, condition).isPresent()) {
                return;
            }
            String key = table.schema() + '.' + table.table();
            if (props.putIfAbsent(
                            SNAPSHOT_OVERRIDES + '.' + key,
                            RowFilters.snapshotSelect(table, new RowCondition(condition)))
                    == null) {
                overridden.add(key);
            }
        });
        if (!overridden.isEmpty()) {
            props.merge(SNAPSHOT_OVERRIDES, String.join(",", overridden), (mine, more) -> mine + ',' + more);
        }
    }

    /** The row filters set on the connector. */
    public RowFilters rowFilters() {
        return RowFilters.from(props);
    }

    /** The publication the migration reads from. */
    public String publicationName() {
        return props.get(PUBLICATION_NAME);
    }

    /**
     * Heartbeats every two seconds, written by the task into {@code pg2polar.heartbeat} (see
     * {@link io.pg2polar.common.control.HeartbeatTable}), which must be captured whatever the include lists say.
     */
    private static void withHeartbeatDefaults(Map<String, String> props) {
        props.putIfAbsent(HEARTBEAT_INTERVAL_MS, "2000");
        props.computeIfPresent(
                "table.include.list", (k, v) -> v.contains("pg2polar\\.heartbeat") ? v : v + ",pg2polar\\.heartbeat");
        props.computeIfPresent("schema.include.list", (k, v) -> v.contains("pg2polar") ? v : v + ",pg2polar");
    }

    /**
     * The full load's watermarks are written into {@code pg2polar.load_marks} (design decision 30), which must be
     * captured whatever the include lists say.
     */
    private static void withLoadMarkDefaults(Map<String, String> props) {
        props.computeIfPresent(
                "table.include.list", (k, v) -> v.contains("pg2polar\\.load_marks") ? v : v + ",pg2polar\\.load_marks");
        props.computeIfPresent("schema.include.list", (k, v) -> v.contains("pg2polar") ? v : v + ",pg2polar");
    }

    /**
     * Whether full loads (the first one, resyncs) write watermarks into {@code pg2polar.load_marks}: they are read in
     * chunks while changes stream.
     */
    public boolean loadsInChunksWhileStreaming() {
        return migrationType.streams() && copiesSnapshot();
    }

    /** The replication slot the migration reads from. */
    public String slotName() {
        return props.get(SLOT_NAME);
    }

    /** Whether heartbeats are on: a streaming migration with a positive {@code heartbeat.interval.ms}. */
    public boolean heartbeats() {
        return migrationType.streams()
                && Long.parseLong(props.getOrDefault(HEARTBEAT_INTERVAL_MS, "0").trim()) > 0;
    }

    /** The source database endpoint from Debezium's connection settings, its {@code database.ssl*} options included. */
    public PgEndpoint endpoint() {
        String port = props.getOrDefault(PORT, "5432");
        try {
            return new PgEndpoint(
                    props.getOrDefault(HOSTNAME, ""),
                    Integer.parseInt(port.trim()),
                    props.getOrDefault(DBNAME, ""),
                    props.getOrDefault(USER, ""),
                    props.get(PASSWORD),
                    ConnectionFields.SOURCE.tlsSettings(props));
        } catch (NumberFormatException e) {
            throw new ConfigException(PORT, port, "must be a port number");
        }
    }

    /**
     * Debezium's options with the defaults a migration needs, each only where the user set nothing:
     * <ul>
     * <li>pgoutput with a slot and publication named after the connector, so migrations never share them;</li>
     * <li>numeric and interval values as exact strings: Debezium's 'precise' decimals cannot carry NaN or
     * Infinity, and numeric intervals lose months;</li>
     * <li>source column types in every field schema, for consumers of the topics that create or bind types from
     * a record (pg2polar's sink reads the target's catalog instead; a third of an envelope's schema);</li>
     * <li>TRUNCATE not skipped, unknown types kept instead of silently dropped;</li>
     * <li>the {@code pgtext} converter ({@link PgTextConverter}), which carries every type Debezium would carry
     * lossily as PostgreSQL's exact text; a user's own {@code converters} list replaces it (and may name it);</li>
     * <li>a value Debezium cannot convert fails the task, where Debezium's default logs a warning and sends NULL;</li>
     * <li>a read timeout of 30 s on Debezium's sessions ({@code driver.socketTimeout}), so a dead source connection is
     * noticed within about 70 s;</li>
     * <li>JDBC results in text format, so the snapshot sees the server's own literals (pgjdbc switches a
     * statement run five times on one connection to binary, whose arrays lose their lower bounds);</li>
     * <li>four snapshot threads, so several tables load at once;</li>
     * <li>the snapshot mode that implements {@code migration.type};</li>
     * <li>Debezium's sessions opened by {@link DebeziumConnectionFactory}, which hands host, port and database to
     * pgjdbc as properties instead of splicing them into a URL.</li>
     * </ul>
     */
    static Map<String, String> withMigrationDefaults(Map<String, String> userProps, MigrationType type) {
        Map<String, String> result = new HashMap<>(userProps);
        RowFilters rowFilters = RowFilters.from(userProps);
        if (!rowFilters.isEmpty()) {
            withRowFilterDefaults(result, rowFilters);
        }
        if (type.streams()
                && Boolean.parseBoolean(
                        userProps.getOrDefault(DDL_CAPTURE, "true").trim())) {
            withDdlCaptureDefaults(result);
        }
        if (type.streams()) {
            withHeartbeatDefaults(result);
        }
        if (type.streams()
                && "copy"
                        .equals(userProps
                                .getOrDefault(SNAPSHOT_TRANSPORT, "copy")
                                .trim())) {
            withLoadMarkDefaults(result);
        }
        String connectorName = userProps.getOrDefault(CONNECTOR_NAME, "pg2polar");
        String ownedName = ReplicationNames.forConnector(connectorName);
        result.putIfAbsent("plugin.name", "pgoutput");
        result.putIfAbsent(SLOT_NAME, ownedName);
        result.putIfAbsent(PUBLICATION_NAME, ownedName);
        result.putIfAbsent(PUBLICATION_AUTOCREATE_MODE, "filtered");
        result.putIfAbsent(TOPIC_PREFIX, connectorName.replaceAll("[^A-Za-z0-9._-]", "_"));
        result.putIfAbsent(TOPIC_NAMING_STRATEGY, TableTopicNaming.class.getName());
        result.putIfAbsent("decimal.handling.mode", "string");
        result.putIfAbsent("interval.handling.mode", "string");
        result.putIfAbsent("column.propagate.source.type", ".*");
        result.putIfAbsent("skipped.operations", "none");
        result.putIfAbsent("include.unknown.datatypes", "true");
        result.putIfAbsent(UNAVAILABLE_VALUE_PLACEHOLDER, ChangeEventConventions.UNAVAILABLE_VALUE_PLACEHOLDER);
        result.putIfAbsent(CONVERTERS, PG_TEXT_CONVERTER);
        result.putIfAbsent(PG_TEXT_CONVERTER + ".type", PgTextConverter.class.getName());
        result.putIfAbsent(
                PG_TEXT_CONVERTER + '.' + PgTextConverter.PLACEHOLDER_OPTION,
                result.get(UNAVAILABLE_VALUE_PLACEHOLDER));
        result.putIfAbsent("event.converting.failure.handling.mode", "fail");
        result.putIfAbsent("driver.binaryTransfer", "false");
        // a network partition or a dead host sends no reset: Debezium's sessions would wait on a read for as long as
        // TCP
        // does (hours). With a timeout its heartbeat query fails (which Debezium only logs) and then its session probe
        // (every status.update.interval.ms), on the same thread, so the task restarts within about 2 x 30 + 10 s
        // (NetworkPartitionIT; with 60 s it took over two minutes)
        result.putIfAbsent(DRIVER_SOCKET_TIMEOUT, "30");
        result.putIfAbsent(SNAPSHOT_MODE, type.snapshotMode());
        // tables are read in parallel from one exported snapshot, so the full load scales with source cores
        result.putIfAbsent("snapshot.max.threads", "4");
        // bigger batches per poll: measured 30 % more full-load throughput than Debezium's 2048/8192 (bench/)
        result.putIfAbsent("max.batch.size", "16384");
        result.putIfAbsent("max.queue.size", "65536");
        // Debezium holds a batch until it is full or this interval has passed since the last one (default 500 ms):
        // a catch-up that captures fewer than max.batch.size changes per interval waited for it on every poll,
        // about 1.5 s of a 4.3 s stream in the CDC benchmark (bench/); idle polls open no Kafka transaction
        result.putIfAbsent("poll.interval.ms", "100");
        // Debezium's three context headers on every record cost the worker a string parse each on both sides
        // (SimpleHeaderConverter): 11 % of the sink task's CPU in the CDC benchmark, for names the topic already says
        result.putIfAbsent("extended.headers.enabled", "false");
        result.putIfAbsent(PORT, "5432");
        result.putIfAbsent(CONNECTION_FACTORY, DebeziumConnectionFactory.class.getName());
        return result;
    }
}
