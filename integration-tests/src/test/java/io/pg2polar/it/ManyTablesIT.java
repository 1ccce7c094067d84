package io.pg2polar.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.it.kit.Await;
import io.pg2polar.it.kit.ConnectorConfigs;
import io.pg2polar.it.kit.HeadlessChromium;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.Slots;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;
import io.pg2polar.servers.postgres.PostgresServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A migration of 2,000 small tables (DTS stops at 1,000 per task): every table is created on the target by
 * schema migration and every row arrives, compared table by table; the console's table view shows all of them and
 * filters and sorts them in a real browser.
 */
class ManyTablesIT {

    @RegisterExtension
    static final MigrationEnvironment env = MigrationEnvironment.dedicated();

    private static final Logger LOG = LoggerFactory.getLogger(ManyTablesIT.class);
    private static final int TABLES = 2_000;
    private static final String SOURCE_DB = "many_src";
    private static final String TARGET_DB = "many_tgt";

    @Test
    void twoThousandTablesStartAndComplete() throws SQLException {
        env.source().createDatabase(SOURCE_DB);
        env.target().createDatabase(TARGET_DB);
        env.source().execute(SOURCE_DB, """
                DO $$
                BEGIN
                    FOR i IN 1..%d LOOP
                        EXECUTE format('CREATE TABLE t%%s (id int PRIMARY KEY, label text, n numeric)', lpad(i::text, 4, '0'));
                        EXECUTE format('INSERT INTO t%%s SELECT g, ''row '' || g, g * %%s FROM generate_series(1, 3) g', lpad(i::text, 4, '0'), i);
                    END LOOP;
                END $$""".formatted(TABLES));
        long started = System.nanoTime();
        Definition source = ConnectorConfigs.source("many", SOURCE_DB, Map.of());
        Definition sink = ConnectorConfigs.sink("many", TARGET_DB, Map.of());
        env.rest().putConnector(source.name(), source.config());
        env.rest().putConnector(sink.name(), sink.config());

        String fingerprint = fingerprintQuery();
        String expected = single(env.source(), SOURCE_DB, fingerprint);
        Await.until("all " + TABLES + " tables and their rows are on the target", Duration.ofMinutes(8), () -> {
            try {
                return single(env.target(), TARGET_DB, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
                                .equals(Integer.toString(TABLES))
                        && expected.equals(single(env.target(), TARGET_DB, fingerprint));
            } catch (SQLException e) {
                return false;
            }
        });
        LOG.info(
                "{} tables migrated in {} s",
                TABLES,
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        assertEquals(expected, single(env.target(), TARGET_DB, fingerprint));
        consoleShowsEveryTableAndFiltersAndSortsThem();

        env.rest().delete(sink.name());
        env.rest().delete(source.name());
        Slots.drop(env.source(), SOURCE_DB, "pg2polar_many_source");
    }

    /**
     * The console's table view of 2,000 tables in a real browser: all counted, only the rows in view in the page, and
     * a filter, a sort and a scroll to the end answer; the times are logged (the README's figures).
     */
    private static void consoleShowsEveryTableAndFiltersAndSortsThem() {
        long statusStarted = System.nanoTime();
        env.rest().get("/pg2polar/migrations/many");
        long statusMs = (System.nanoTime() - statusStarted) / 1_000_000;
        try (HeadlessChromium browser = HeadlessChromium.start(1280, 900)) {
            long opened = System.nanoTime();
            browser.open(env.worker().restUrl() + "/pg2polar/ui/#/m/many");
            browser.textContains("#table-count", "Showing 2,000 of 2,000 tables", Duration.ofMinutes(1));
            long shownMs = (System.nanoTime() - opened) / 1_000_000;
            WebElement grid = browser.driver().findElement(By.id("tables-grid"));
            int rendered = Integer.parseInt(grid.getAttribute("data-rendered-rows"));
            assertTrue(rendered < 100, "only the rows in view are in the page, not " + rendered);
            String arrangeMs = grid.getAttribute("data-arrange-ms");

            WebElement filter = browser.driver().findElement(By.id("table-filter"));
            filter.sendKeys("t1999");
            browser.textContains("#table-count", "Showing 1 of 2,000 tables", Duration.ofSeconds(10));
            // the grid redraws its rows at each refresh: read them again when they were just replaced
            browser.until(
                    "the only row is t1999",
                    Duration.ofSeconds(10),
                    d -> "public.t1999"
                            .equals(d.findElement(By.cssSelector("#tables-grid tr.row[data-table]"))
                                    .getAttribute("data-table")));
            String filterMs = grid.getAttribute("data-arrange-ms");
            filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
            browser.textContains("#table-count", "Showing 2,000 of 2,000 tables", Duration.ofSeconds(10));

            browser.driver()
                    .findElement(By.cssSelector("#tables-grid th[data-key='name'] button"))
                    .click();
            browser.until(
                    "the grid sorted by name, descending",
                    Duration.ofSeconds(10),
                    d -> "public.t2000"
                            .equals(d.findElement(By.cssSelector("#tables-grid tr.row[data-table]"))
                                    .getAttribute("data-table")));
            String sortMs = grid.getAttribute("data-arrange-ms");
            browser.script("var s = document.querySelector('.grid-scroll'); s.scrollTop = s.scrollHeight;");
            browser.visible("#tables-grid tr.row[data-table='public.t0001']", Duration.ofSeconds(10));
            browser.fullPageScreenshot("many-tables");
            LOG.info(
                    "Console on {} tables: status call {} ms, page shown {} ms, {} rows rendered; filter and sort in the page: first {} ms,"
                            + " filter {} ms, sort {} ms",
                    TABLES,
                    statusMs,
                    shownMs,
                    rendered,
                    arrangeMs,
                    filterMs,
                    sortMs);
        }
    }

    /** Every table's rows as text, in table and row order, hashed: equal on both sides only if every row is. */
    private static String fingerprintQuery() {
        StringJoiner tables = new StringJoiner(" UNION ALL ");
        for (int i = 1; i <= TABLES; i++) {
            String name = "t%04d".formatted(i);
            tables.add(
                    "SELECT '" + name + "' AS t, string_agg(x::text, ';' ORDER BY x.id) AS rows FROM " + name + " x");
        }
        return "SELECT md5(string_agg(t || ':' || rows, '|' ORDER BY t)) FROM (" + tables + ") all_tables";
    }

    private static String single(PostgresServer server, String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
