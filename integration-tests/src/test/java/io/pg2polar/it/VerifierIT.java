package io.pg2polar.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.controlplane.verify.KeyDifference;
import io.pg2polar.controlplane.verify.RecheckPause;
import io.pg2polar.controlplane.verify.TableResult;
import io.pg2polar.controlplane.verify.VerificationReport;
import io.pg2polar.controlplane.verify.Verifier;
import io.pg2polar.controlplane.verify.VerifyOptions;
import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.FamilyTables;
import io.pg2polar.it.kit.FamilyWorkload;
import io.pg2polar.it.kit.LiveWriter;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.TwoDatabaseMigration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data verification on real servers, a PostgreSQL 17 source and a PostgreSQL 14 target: a clean copy is equal; a row
 * changed, a row deleted and a row added on the target are each named by key; count and sample modes; PolarDB-O's
 * DATE and '' rules; a difference repaired before the re-check is not reported; and a migration verified while a live
 * writer keeps changing the source shows no false mismatch.
 */
class VerifierIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final Logger LOG = LoggerFactory.getLogger(VerifierIT.class);

    private static final TableId BIGINT_KEY = new TableId("public", "bigint_key");
    private static final TableId TEXT_KEY = new TableId("public", "text_key");
    private static final TableId COMPOSITE_KEY = new TableId("public", "composite_key");
    private static final TableId NO_KEY = new TableId("public", "no_key");
    private static final List<TableId> TABLES = List.of(BIGINT_KEY, TEXT_KEY, COMPOSITE_KEY, NO_KEY);

    /** 20 000 rows of many types, the same on every server that runs it. */
    private static final String TABLES_AND_ROWS = """
            CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
            CREATE TABLE bigint_key (id bigint PRIMARY KEY, n numeric(12,3), f double precision, r real, b boolean, ts timestamptz,
                t timestamp, d date, tm time, iv interval, j jsonb, by bytea, u uuid, arr int[], txt text, vc varchar(20), ch char(5), m mood);
            INSERT INTO bigint_key SELECT g, g / 7.0, sqrt(g), g / 3.0, g % 2 = 0, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute 0.5 second',
                timestamp '2024-01-01' + g * interval '1 hour', date '2020-01-01' + g, time '00:00' + g * interval '1 second', g * interval '1 day 1 minute',
                jsonb_build_object('g', g, 'a', jsonb_build_array(g, 'x')), decode(md5(g::text), 'hex'), md5(g::text)::uuid, ARRAY[g, g + 1],
                CASE WHEN g % 10 = 0 THEN NULL ELSE 'text ' || g || ' ünï ✓' END, 'vc' || g, 'c' || (g % 100), (ARRAY['sad', 'ok', 'happy'])[g % 3 + 1]::mood
            FROM generate_series(1, 10000) g;
            CREATE TABLE text_key (code text PRIMARY KEY, label text);
            INSERT INTO text_key SELECT CASE g % 4 WHEN 0 THEN 'Key-' WHEN 1 THEN 'key_' WHEN 2 THEN 'ÄÖ' ELSE 'z ' END || g, 'label ' || g
            FROM generate_series(1, 4000) g;
            CREATE TABLE composite_key (tenant int, day date, seq int, amount numeric, note text, PRIMARY KEY (tenant, day, seq));
            INSERT INTO composite_key SELECT g % 7, date '2024-01-01' + (g % 30), g, g * 1.25, 'n' || g FROM generate_series(1, 5000) g;
            CREATE TABLE no_key (a int, b text, c numeric);
            INSERT INTO no_key SELECT g % 500, 'row ' || (g % 500), g % 3 FROM generate_series(1, 1000) g;
            ANALYZE;
            """;

    private static final Duration SHORT_RECHECK = Duration.ofMillis(200);

    @Test
    void aCleanCopyIsEqual() {
        String name = copies("clean");
        VerificationReport report = verify(name, VerifyOptions.defaults().withRecheckDelay(SHORT_RECHECK), TABLES);

        assertTrue(report.equal(), report.toJson());
        assertRows(report.table("public", "bigint_key"), 10_000, 10_000);
        assertRows(report.table("public", "text_key"), 4_000, 4_000);
        assertRows(report.table("public", "composite_key"), 5_000, 5_000);
        assertRows(report.table("public", "no_key"), 1_000, 1_000);
        assertTrue(report.table("public", "no_key").note().contains("no primary key"), report.toJson());
    }

    @Test
    void aChangedADeletedAndAnExtraRowAreEachFoundAndNamedByKey() {
        String name = copies("diff");
        env.target().execute(target(name), """
                UPDATE bigint_key SET txt = 'changed on the target' WHERE id = 4242;
                DELETE FROM text_key WHERE code = 'ÄÖ2';
                INSERT INTO composite_key VALUES (99, '2024-02-02', 1, 1, 'extra');
                UPDATE no_key SET b = 'changed' WHERE ctid = (SELECT ctid FROM no_key WHERE a = 7 LIMIT 1);
                """);
        VerificationReport report = verify(name, VerifyOptions.defaults().withRecheckDelay(SHORT_RECHECK), TABLES);

        assertFalse(report.equal());
        KeyDifference changed = onlyDifference(report.table("public", "bigint_key"));
        assertEquals(Map.of("id", "4242"), changed.key());
        assertEquals(KeyDifference.DIFFERENT, changed.kind());
        assertTrue(
                changed.sourceRow().contains("text 4242 ünï ✓")
                        && changed.targetRow().contains("changed on the target"),
                changed.toString());

        KeyDifference deleted = onlyDifference(report.table("public", "text_key"));
        assertEquals(Map.of("code", "ÄÖ2"), deleted.key());
        assertEquals(KeyDifference.MISSING_ON_TARGET, deleted.kind());
        assertEquals("(ÄÖ2,\"label 2\")", deleted.sourceRow());
        assertNull(deleted.targetRow());

        KeyDifference extra = onlyDifference(report.table("public", "composite_key"));
        assertEquals(List.of("tenant", "day", "seq"), List.copyOf(extra.key().keySet()));
        assertEquals(Map.of("tenant", "99", "day", "2024-02-02", "seq", "1"), extra.key());
        assertEquals(KeyDifference.EXTRA_ON_TARGET, extra.kind());
        assertEquals("(99,2024-02-02,1,1,extra)", extra.targetRow());

        TableResult keyless = report.table("public", "no_key");
        assertEquals(TableResult.DIFFERENT, keyless.status());
        assertEquals(
                List.of(
                        new KeyDifference(Map.of(), KeyDifference.MISSING_ON_TARGET, "(7,\"row 7\",1)", null),
                        new KeyDifference(Map.of(), KeyDifference.EXTRA_ON_TARGET, null, "(7,changed,1)")),
                keyless.differences());
        assertTrue(
                report.toJson().contains("\"key\":{\"tenant\":\"99\",\"day\":\"2024-02-02\",\"seq\":\"1\"}"),
                report.toJson());
    }

    @Test
    void countModeComparesCountsOnly() {
        String name = copies("count");
        env.target().execute(target(name), """
                UPDATE bigint_key SET txt = 'changed on the target' WHERE id = 4242;
                DELETE FROM text_key WHERE code = 'ÄÖ2';
                """);
        VerificationReport report = verify(
                name,
                VerifyOptions.defaults().withMode(VerifyOptions.Mode.COUNT, 100).withRecheckDelay(SHORT_RECHECK),
                TABLES);

        TableResult unchangedCount = report.table("public", "bigint_key");
        assertEquals(TableResult.EQUAL, unchangedCount.status(), "an update keeps the count");
        assertTrue(unchangedCount.note().contains("rows not compared"));
        TableResult deleted = report.table("public", "text_key");
        assertEquals(TableResult.DIFFERENT, deleted.status());
        assertEquals(4_000, deleted.sourceRows());
        assertEquals(3_999, deleted.targetRows());
        assertEquals(1, deleted.differenceCount());
        assertTrue(deleted.differences().isEmpty());
    }

    @Test
    void sampleModeComparesAShareOfTheKeysAndEveryCount() {
        String name = copies("sample");
        env.target().execute(target(name), """
                UPDATE bigint_key SET n = n + 1 WHERE id % 10 = 3;
                DELETE FROM text_key WHERE code = 'key_1';
                """);
        VerificationReport report = verify(
                name,
                VerifyOptions.defaults().withMode(VerifyOptions.Mode.SAMPLE, 30).withRecheckDelay(SHORT_RECHECK),
                TABLES);

        TableResult sampled = report.table("public", "bigint_key");
        assertEquals(TableResult.DIFFERENT, sampled.status());
        // 1 000 changed rows, 30 % sampled: 300 expected, 15 the standard deviation
        assertTrue(
                sampled.differenceCount() > 150 && sampled.differenceCount() < 500,
                "found " + sampled.differenceCount());
        assertEquals(Verifier.REPORTED_DIFFERENCES, sampled.differences().size());
        assertTrue(sampled.differences().stream()
                .allMatch(d -> d.kind().equals(KeyDifference.DIFFERENT)
                        && Long.parseLong(d.key().get("id")) % 10 == 3));
        assertTrue(sampled.note().contains("sampled 30% of the keys"), sampled.note());
        assertEquals(10_000, sampled.sourceRows());
        assertEquals(
                TableResult.DIFFERENT,
                report.table("public", "text_key").status(),
                "the counts show a row the sample may miss");
        assertEquals(TableResult.EQUAL, report.table("public", "composite_key").status());
    }

    @Test
    void aPolarDbTargetKeepsDatesAsTimestampsAndEmptyStringsAsNull() {
        String name = "polar";
        env.source().createDatabase(source(name));
        env.target().createDatabase(target(name));
        env.source().execute(source(name), """
                CREATE TABLE person (id int PRIMARY KEY, born date, name text, code varchar(10));
                INSERT INTO person SELECT g, date '1970-01-01' + g, CASE WHEN g % 3 = 0 THEN '' ELSE 'name ' || g END,
                    CASE WHEN g % 5 = 0 THEN '' ELSE 'c' || g END FROM generate_series(1, 2000) g;
                CREATE TABLE by_day (day date PRIMARY KEY, label text);
                INSERT INTO by_day SELECT date '2024-01-01' + g, CASE WHEN g % 2 = 0 THEN '' ELSE 'day ' || g END FROM generate_series(0, 499) g;
                """);
        // what the sink writes on PolarDB-O: DATE columns as TIMESTAMP(0), '' as NULL
        env.target().execute(target(name), """
                CREATE TABLE person (id int PRIMARY KEY, born timestamp(0), name text, code varchar(10));
                INSERT INTO person SELECT g, date '1970-01-01' + g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'name ' || g END,
                    CASE WHEN g % 5 = 0 THEN NULL ELSE 'c' || g END FROM generate_series(1, 2000) g;
                CREATE TABLE by_day (day timestamp(0) PRIMARY KEY, label text);
                INSERT INTO by_day SELECT date '2024-01-01' + g, CASE WHEN g % 2 = 0 THEN NULL ELSE 'day ' || g END FROM generate_series(0, 499) g;
                """);
        List<TableId> tables = List.of(new TableId("public", "person"), new TableId("public", "by_day"));
        VerifyOptions options = VerifyOptions.defaults().withRecheckDelay(SHORT_RECHECK);

        VerificationReport asPostgres = verify(name, options, tables);
        assertEquals(TableResult.DIFFERENT, asPostgres.table("public", "person").status());
        assertEquals(TableResult.DIFFERENT, asPostgres.table("public", "by_day").status());
        VerificationReport asPolarDb = verify(name, options.withPolarDbTarget(true), tables);
        assertTrue(asPolarDb.equal(), asPolarDb.toJson());

        env.target()
                .execute(
                        target(name),
                        "UPDATE person SET born = born + interval '1 day' WHERE id = 5; DELETE FROM by_day WHERE day = '2024-01-03'");
        VerificationReport changed = verify(name, options.withPolarDbTarget(true), tables);
        KeyDifference born = onlyDifference(changed.table("public", "person"));
        assertEquals(Map.of("id", "5"), born.key());
        assertEquals("(5,1970-01-06,\"name 5\",)", born.sourceRow());
        assertEquals("(5,1970-01-07,\"name 5\",)", born.targetRow());
        KeyDifference day = onlyDifference(changed.table("public", "by_day"));
        assertEquals(Map.of("day", "2024-01-03"), day.key());
        assertEquals(KeyDifference.MISSING_ON_TARGET, day.kind());
    }

    @Test
    void aDifferenceRepairedBeforeTheRecheckIsNotReported() {
        String name = copies("repair");
        env.target().execute(target(name), "UPDATE bigint_key SET txt = 'in flight' WHERE id = 77");
        AtomicInteger pauses = new AtomicInteger();
        RecheckPause repairDuringTheDelay = delay -> {
            pauses.incrementAndGet();
            // what the sink does when the change it still had in flight arrives
            env.target().execute(target(name), "UPDATE bigint_key SET txt = 'text 77 ünï ✓' WHERE id = 77");
            RecheckPause.SLEEP.await(delay);
        };
        VerifyOptions options = VerifyOptions.defaults().withRecheckDelay(Duration.ofSeconds(3));
        VerificationReport report = new Verifier(
                        env.source().superuser(source(name)),
                        env.target().superuser(target(name)),
                        options,
                        repairDuringTheDelay)
                .verify(List.of(BIGINT_KEY));

        assertEquals(1, pauses.get(), "the first pass must have seen the difference");
        assertTrue(report.equal(), report.toJson());
        assertEquals(0, report.table("public", "bigint_key").differenceCount());
        assertTrue(report.took().compareTo(Duration.ofSeconds(3)) >= 0);
    }

    @Test
    void missingTablesAndColumnsOnOneSideAreNamed() {
        String name = copies("shape");
        env.target().execute(target(name), """
                DROP TABLE no_key;
                ALTER TABLE text_key ADD COLUMN added int;
                ALTER TABLE composite_key DROP COLUMN note;
                """);
        VerificationReport report = verify(
                name,
                VerifyOptions.defaults().withRecheckDelay(SHORT_RECHECK),
                List.of(NO_KEY, TEXT_KEY, COMPOSITE_KEY, new TableId("public", "nowhere")));

        TableResult missing = report.table("public", "no_key");
        assertEquals(TableResult.DIFFERENT, missing.status());
        assertEquals("the table exists only on the source", missing.note());
        assertEquals(1_000, missing.sourceRows());
        assertEquals(-1, missing.targetRows());
        assertEquals(TableResult.EQUAL, report.table("public", "text_key").status());
        assertEquals(
                "columns only on the target, not compared: added",
                report.table("public", "text_key").note());
        assertEquals(
                "columns only on the source, not compared: note",
                report.table("public", "composite_key").note());
        assertEquals(
                "the table exists on neither side",
                report.table("public", "nowhere").note());
    }

    @Test
    void aMigrationUnderALiveWriterReportsNoFalseMismatch() {
        try (TwoDatabaseMigration migration = TwoDatabaseMigration.create(env, "verify")) {
            FamilyTables.create(env.source(), migration.sourceDatabase());
            FamilyTables.create(env.target(), migration.targetDatabase());
            FamilyTables.load(env.source(), migration.sourceDatabase(), 500);
            migration.start();
            migration.awaitIdentical(FamilyTables.ALL, Duration.ofMinutes(4));

            AtomicInteger pauses = new AtomicInteger();
            try (LiveWriter writer =
                    LiveWriter.start(env.source(), migration.sourceDatabase(), new FamilyWorkload(), 20)) {
                Await.until("the writer is busy", Duration.ofMinutes(1), () -> writer.transactions() > 40);
                long before = writer.transactions();
                VerificationReport report = new Verifier(
                                env.source().superuser(migration.sourceDatabase()),
                                env.target().superuser(migration.targetDatabase()),
                                VerifyOptions.defaults(),
                                delay -> {
                                    pauses.incrementAndGet();
                                    RecheckPause.SLEEP.await(delay);
                                })
                        .verify(FamilyTables.ALL);
                assertTrue(writer.transactions() > before + 40, "the writer kept writing while verification ran");
                writer.stop();
                LOG.info("Verified under a live writer with {} re-check pauses: {}", pauses.get(), report.toJson());
                assertTrue(report.equal(), report.toJson());
            }
        }
    }

    private static String copies(String name) {
        env.source().createDatabase(source(name));
        env.target().createDatabase(target(name));
        env.source().execute(source(name), TABLES_AND_ROWS);
        env.target().execute(target(name), TABLES_AND_ROWS);
        return name;
    }

    private static String source(String name) {
        return "verify_" + name + "_src";
    }

    private static String target(String name) {
        return "verify_" + name + "_tgt";
    }

    private static VerificationReport verify(String name, VerifyOptions options, List<TableId> tables) {
        return new Verifier(env.source().superuser(source(name)), env.target().superuser(target(name)), options)
                .verify(tables);
    }

    private static void assertRows(TableResult result, long source, long target) {
        assertEquals(TableResult.EQUAL, result.status(), result.toString());
        assertEquals(source, result.sourceRows());
        assertEquals(target, result.targetRows());
    }

    private static KeyDifference onlyDifference(TableResult result) {
        assertEquals(TableResult.DIFFERENT, result.status(), result.toString());
        assertEquals(1, result.differenceCount(), result.toString());
        return result.differences().get(0);
    }
}
