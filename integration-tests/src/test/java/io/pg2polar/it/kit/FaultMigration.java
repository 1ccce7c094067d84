package io.pg2polar.it.kit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.servers.postgres.PostgresServer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One migration a fault test disturbs: the family tables, a table without a key full of identical rows, an optional
 * {@code bulk} table whose full load takes long enough to be interrupted, and {@link LagProbe}'s table; applications
 * write to all of them from registration to the end. {@link #finish()} stops the writers and checks what every fault
 * must leave: every row equal on both sides, every target sequence at or ahead of the source's, every task RUNNING.
 */
public final class FaultMigration implements AutoCloseable {

    public static final TableId BULK = new TableId("public", "bulk");
    /**
     * Source settings that make bulk's load take long enough to cause a fault in the middle of it: the smallest key
     * ranges read by one session, sent in the smallest chunks (at the defaults a quiet machine loaded bulk between two
     * looks).
     */
    public static final Map<String, String> SLOW_FULL_LOAD =
            Map.of("snapshot.chunk.bytes", "4096", "snapshot.range.bytes", "65536", "snapshot.max.threads", "1");

    private final MigrationEnvironment env;
    private final String name;
    private final String sourceDb;
    private final String targetDb;
    private final int bulkRows;
    private final List<TableId> tables = new ArrayList<>();
    private Definition source;
    private Definition sink;
    private LiveWriter family;
    private LiveWriter log;
    private LagProbe probe;

    private FaultMigration(MigrationEnvironment env, String name, String sourceDb, int bulkRows) {
        this.env = env;
        this.name = name;
        this.sourceDb = sourceDb;
        this.targetDb = name + "_tgt";
        this.bulkRows = bulkRows;
    }

    /** Creates the source database with its rows and an empty target database; {@code bulkRows} 0 leaves out bulk. */
    public static FaultMigration prepare(MigrationEnvironment env, String name, int bulkRows) {
        FaultMigration migration = new FaultMigration(env, name, name + "_src", bulkRows);
        PostgresServer source = env.source();
        source.createDatabase(migration.sourceDb);
        env.target().createDatabase(migration.targetDb);
        FamilyTables.create(source, migration.sourceDb);
        FamilyTables.load(source, migration.sourceDb, 500);
        KeylessLogTable.create(source, migration.sourceDb, 200);
        LagProbe.create(source, migration.sourceDb);
        if (bulkRows > 0) {
            source.execute(
                    migration.sourceDb,
                    "CREATE TABLE bulk (id bigint PRIMARY KEY, payload text);"
                            + " INSERT INTO bulk SELECT g, md5(g::text) FROM generate_series(1, " + bulkRows + ") g");
        }
        return migration.listTables();
    }

    /**
     * Another migration, named {@code name}, of the source database an earlier one prepared (without bulk), into a new
     * empty target database.
     */
    public static FaultMigration again(MigrationEnvironment env, FaultMigration earlier, String name) {
        FaultMigration migration = new FaultMigration(env, name, earlier.sourceDb, 0);
        env.target().createDatabase(migration.targetDb);
        return migration.listTables();
    }

    private FaultMigration listTables() {
        tables.addAll(FamilyTables.ALL);
        tables.add(KeylessLogTable.TABLE);
        tables.add(LagProbe.TABLE);
        if (bulkRows > 0) {
            tables.add(BULK);
        }
        return this;
    }

    /**
     * Registers the connectors of {@code connect-configs/} for this migration, with {@code sourceChanges} and
     * {@code sinkChanges}, and starts the applications' writers.
     */
    public FaultMigration start(Map<String, String> sourceChanges, Map<String, String> sinkChanges) {
        // the sequences' last positions reach the target within a second of the writers' end, not ten (the default)
        Map<String, String> sourceSettings = new HashMap<>(Map.of("sequence.sync.interval.ms", "1000"));
        sourceSettings.putAll(sourceChanges);
        source = ConnectorConfigs.source(name, sourceDb, sourceSettings);
        sink = ConnectorConfigs.sink(name, targetDb, sinkChanges);
        // modest rates: a fault test runs two migrations at once on servers that a loaded machine shares
        family = LiveWriter.start(env.source(), sourceDb, new FamilyWorkload(), 10);
        log = LiveWriter.start(env.source(), sourceDb, new KeylessLogTable(), 10);
        probe = LagProbe.start(env.source(), sourceDb, env.target(), targetDb);
        env.rest().putConnector(source.name(), source.config());
        env.rest().putConnector(sink.name(), sink.config());
        return this;
    }

    public String sourceDatabase() {
        return sourceDb;
    }

    public String targetDatabase() {
        return targetDb;
    }

    public Definition sourceConnector() {
        return source;
    }

    public Definition sinkConnector() {
        return sink;
    }

    /**
     * Waits until the full load is over and changes stream with less than five seconds of lag (a loose bound: a shared
     * machine's contention must not pass for a fault's effect; recoveries are timed to one second).
     */
    public void awaitStreaming(Duration timeout) {
        probe.awaitLagUnder(Duration.ofSeconds(5), timeout);
    }

    /** Waits until the target holds some of bulk's rows but not all: its full load is under way. */
    public void awaitFullLoadUnderWay(Duration timeout) {
        Await.until("the full load of bulk is under way on the target", timeout, () -> {
            long rows = countOnTarget(BULK);
            if (rows >= bulkRows) {
                throw new AssertionError("bulk was loaded before the test could interrupt it; make it larger");
            }
            return rows > 0;
        });
    }

    /** How long from {@code faultEnded} until the target is again less than a second behind. */
    public Duration awaitRecovery(Instant faultEnded, Duration timeout) {
        return probe.awaitRecovery(faultEnded, timeout);
    }

    /**
     * {@link #awaitRecovery} of several migrations hit by one fault, each timed on its own (waiting for one after the
     * other would give the later ones the earlier ones' time), in the order given.
     */
    public static List<Duration> awaitRecoveries(Instant faultEnded, Duration timeout, FaultMigration... migrations) {
        Duration[] recoveries = new Duration[migrations.length];
        try {
            Await.until("every migration is again less than a second behind after the fault", timeout, () -> {
                for (int i = 0; i < migrations.length; i++) {
                    if (recoveries[i] == null && migrations[i].probe.recovered(faultEnded)) {
                        recoveries[i] = Duration.between(faultEnded, Instant.now());
                    }
                }
                return Arrays.stream(recoveries).allMatch(Objects::nonNull);
            });
        } catch (AssertionError e) {
            StringBuilder state = new StringBuilder();
            for (int i = 0; i < migrations.length; i++) {
                state.append(' ')
                        .append(migrations[i].name)
                        .append(
                                recoveries[i] == null
                                        ? " still " + migrations[i].probe.lag().toMillis() + " ms behind"
                                        : " recovered after " + recoveries[i].toMillis() + " ms");
            }
            throw new AssertionError(e.getMessage() + ":" + state, e);
        }
        return List.of(recoveries);
    }

    /** The applications' transactions so far; fails at once if a writer failed for another reason than an outage. */
    public long transactions() {
        return family.transactions() + log.transactions();
    }

    /**
     * Stops the writers, then waits until every row is equal on both sides and every target sequence is at or ahead of
     * the source's, checks that every task runs, and removes the migration.
     */
    public void finish(Duration timeout) {
        family.stop();
        log.stop();
        probe.stop();
        DatabaseComparison.awaitIdentical(
                new DatabaseComparison.Side(env.source(), sourceDb),
                new DatabaseComparison.Side(env.target(), targetDb),
                tables,
                timeout);
        Await.until(
                "every target sequence is at or ahead of the source's", Duration.ofMinutes(1), this::sequencesAhead);
        for (Definition connector : List.of(source, sink)) {
            JsonNode status = env.rest().status(connector.name());
            List<String> states = new ArrayList<>();
            states.add(status.path("connector").path("state").asText());
            status.path("tasks").forEach(task -> states.add(task.path("state").asText()));
            assertEquals(
                    List.of("RUNNING"),
                    states.stream().distinct().toList(),
                    connector.name() + " after the fault: " + status.toPrettyString());
        }
        env.rest().delete(sink.name());
        env.rest().delete(source.name());
        Slots.drop(env.source(), sourceDb, "pg2polar_" + name + "_source");
    }

    private boolean sequencesAhead() {
        Map<String, Long> onSource = sequences(env.source(), sourceDb);
        Map<String, Long> onTarget = sequences(env.target(), targetDb);
        return onSource.entrySet().stream()
                .allMatch(e -> onTarget.getOrDefault(e.getKey(), Long.MIN_VALUE) >= e.getValue());
    }

    /** The user's sequences that were ever used, and their last values. */
    private static Map<String, Long> sequences(PostgresServer server, String database) {
        Map<String, Long> values = new TreeMap<>();
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery("SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences"
                                + " WHERE schemaname <> 'pg2polar' AND last_value IS NOT NULL")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    private long countOnTarget(TableId table) {
        try (Connection connection = env.target().connect(targetDb);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table.quoted())) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            // not created yet
            return 0;
        }
    }

    @Override
    public void close() {
        for (AutoCloseable writer : new AutoCloseable[] {family, log, probe}) {
            try {
                if (writer != null) {
                    writer.close();
                }
            } catch (Exception ignored) {
                // the test's own failure is the one to report
            }
        }
    }
}
