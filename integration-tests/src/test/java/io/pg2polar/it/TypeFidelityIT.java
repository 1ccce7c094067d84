package io.pg2polar.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.it.kit.ColumnDifferences;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.TwoDatabaseMigration;
import io.pg2polar.servers.postgres.PostgresServer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every PostgreSQL type survives source → Kafka → target exactly, through the snapshot and through streaming
 * (insert, update of every column, delete): a column of every scalar type and an array column of each (with
 * multi-dimensional arrays, lower bounds and NULL elements), enum, domain, composite, citext and hstore defined
 * on both sides, filled with edge values ({@code src/test/resources/type-fidelity/}); and stored generated and
 * identity columns. Each row's text output on the target (PostgreSQL 14) must equal the source's (PostgreSQL 17);
 * their output functions print every value of the matrix identically.
 */
class TypeFidelityIT {

    /**
     * The worker setting a migration needs: Kafka's JsonConverter otherwise writes a field's schema default in
     * place of NULL (and reads it back so), and Debezium gives each column with a DEFAULT that default
     * (docs/type-fidelity.md).
     */
    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final Duration CATCH_UP = Duration.ofMinutes(3);
    private static final List<TableId> TABLES = List.of(
            new TableId("public", "scalars"),
            new TableId("public", "arrays"),
            new TableId("public", "temporal"),
            new TableId("public", "text_keys"));

    /** Both full-load transports: COPY chunks (the default) and Debezium's row events. */
    @ParameterizedTest(name = "snapshot.transport={0}")
    @ValueSource(strings = {"copy", "rows"})
    void everyTypeSurvivesSnapshotAndStreamingExactly(String transport) {
        requireContribExtensions(env.source());
        requireContribExtensions(env.target());
        try (TwoDatabaseMigration migration = TwoDatabaseMigration.create(env, "types_" + transport)) {
            migration
                    .onSource(script("schema.sql"))
                    .onTarget(script("schema.sql"))
                    .onSource(script("snapshot-rows.sql"));

            // the target tables are created beforehand, identical to the source's: schema migration checks them (arrays
            // of
            // user types included) and leaves them as they are
            migration.start(Map.of("snapshot.transport", transport), Map.of());
            awaitIdentical("after the snapshot", migration, TABLES);

            migration.onSource(script("streaming-changes.sql"));
            awaitIdentical("after streaming inserts, updates and deletes", migration, TABLES);
        }
    }

    @Test
    void generatedColumnsAreLeftToTheTargetAndIdentitiesKeepTheSourceValues() {
        try (TwoDatabaseMigration migration = TwoDatabaseMigration.create(env, "generated")) {
            migration.onSource(script("generated-columns.sql")).onTarget(script("generated-columns.sql"));
            // the source's identities start at 1001 and 5001; a target generating its own would start at 1
            migration.onSource("""
                    SELECT setval(pg_get_serial_sequence('generated_columns', 'ident'), 1000),
                           setval(pg_get_serial_sequence('generated_columns', 'ident_by_default'), 5000);
                    INSERT INTO generated_columns (id, v) SELECT g, g FROM generate_series(1, 5) g;
                    INSERT INTO generated_columns (id, v, ident_by_default) VALUES (6, NULL, 42);
                    """);
            List<TableId> tables = List.of(new TableId("public", "generated_columns"));

            migration.start(Map.of("schema.migration", "false"), Map.of());
            awaitIdentical("after the snapshot", migration, tables);

            migration.onSource("""
                    INSERT INTO generated_columns (id, v) SELECT g, g FROM generate_series(11, 13) g;
                    UPDATE generated_columns SET v = v * 100 WHERE id IN (1, 11);
                    UPDATE generated_columns SET ident_by_default = 7 WHERE id = 2;
                    DELETE FROM generated_columns WHERE id IN (3, 12);
                    """);
            awaitIdentical("after streaming inserts, updates and deletes", migration, tables);
        }
    }

    /** Waits for equal rows; on timeout the failure names each differing column of each differing row. */
    private static void awaitIdentical(String when, TwoDatabaseMigration migration, List<TableId> tables) {
        try {
            migration.awaitIdentical(tables, CATCH_UP);
        } catch (AssertionError e) {
            List<String> differences = new ArrayList<>();
            for (TableId table : tables) {
                differences.addAll(ColumnDifferences.of(migration.source(), migration.target(), table, rowName(table)));
            }
            throw new AssertionError(
                    "Values differ " + when + ":\n" + String.join("\n", differences) + "\nWorker log: "
                            + env.worker().logFile(),
                    e);
        }
    }

    /** How {@link ColumnDifferences} names a row: its key as text. */
    private static String rowName(TableId table) {
        return table.table().equals("text_keys") ? "k_tstz::text || ' / ' || k_num::text" : "lpad(id::text, 3, '0')";
    }

    /** citext and hstore come from contrib, which the embedded binaries must include: missing, the test fails. */
    private static void requireContribExtensions(PostgresServer server) {
        try (Connection connection = server.connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT string_agg(name, ',' ORDER BY name) FROM pg_available_extensions WHERE name IN ('citext', 'hstore')")) {
            rs.next();
            assertEquals(
                    "citext,hstore",
                    rs.getString(1),
                    server.describe() + " must offer the contrib extensions citext and hstore");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list the extensions of " + server.describe(), e);
        }
    }

    private static String script(String name) {
        try (InputStream in = TypeFidelityIT.class.getResourceAsStream("/type-fidelity/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No test resource type-fidelity/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
