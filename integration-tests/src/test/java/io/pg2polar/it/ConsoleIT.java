package io.pg2polar.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.it.kit.Accessibility;
import io.pg2polar.it.kit.FamilyTables;
import io.pg2polar.it.kit.HeadlessChromium;
import io.pg2polar.it.kit.MigrationEnvironment;
import io.pg2polar.it.kit.TwoDatabaseMigration;
import io.pg2polar.servers.connect.ConnectorConfigFiles.Definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The migration console at {@code /pg2polar/ui/} in a real headless Chromium against a real migration: the list shows
 * it, the table view's progress moves while the full load runs, the lag chart is the same after a reload, pause and
 * resume stop and start both connectors, the precheck shows its items; a verification shows a difference planted on
 * the target with its key and both rows; the cutover shows the dry run, asks for confirmation and ends with both
 * connectors paused. Each view is checked for accessible names and contrast, and the page loads nothing from
 * anywhere but the worker. Screenshots of each view go to {@code target/console-screenshots/}.
 */
class ConsoleIT {

    @RegisterExtension
    static final MigrationEnvironment env = new MigrationEnvironment();

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleIT.class);
    private static final Duration CATCH_UP = Duration.ofMinutes(3);
    private static final Duration SHORT = Duration.ofSeconds(30);

    private static HeadlessChromium browser;

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start(1280, 900);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void listAndTableViewFollowTheLoadAndTheLagChartSurvivesAReload() {
        String name = "watched";
        try (TwoDatabaseMigration migration = createSource(name, 2000)) {
            // the smallest copy chunks, one per sink transaction: the 20 000 rows load in about two hundred steps
            Definition source = migration
                    .startSource(Map.of("snapshot.chunk.bytes", "4096"))
                    .sourceConnector();
            env.rest().awaitRunning(source.name(), Duration.ofMinutes(1));

            browser.open(console("#/"));
            browser.textContains("tr[data-migration='" + name + "']", "MISSING", SHORT);

            Definition sink = migration
                    .startSink(Map.of("consumer.override.max.poll.records", "1"))
                    .sinkConnector();
            browser.click("tr[data-migration='" + name + "'] a", SHORT);
            browser.visible("#tables-grid", SHORT);
            // rows of one table seen while its load runs, by the page's own refresh (the button a user has)
            Map<String, List<Long>> loading = new TreeMap<>();
            browser.until("a table's progress moves twice during its full load", CATCH_UP, d -> {
                d.findElement(By.id("refresh")).click();
                // read in one script: the refresh redraws the rows, and elements found before it go stale mid-loop
                @SuppressWarnings("unchecked")
                List<List<String>> rowsNow = (List<List<String>>)
                        browser.script(
                                "return Array.from(document.querySelectorAll("
                                        + "'#tables-grid tr.row[data-table]')).map(r => [r.dataset.table, r.dataset.rows, r.textContent]);");
                for (List<String> row : rowsNow) {
                    if (row.get(2).contains("full-load")) {
                        List<Long> seen = loading.computeIfAbsent(row.get(0), t -> new ArrayList<>());
                        long rows = Long.parseLong(row.get(1));
                        if (seen.isEmpty() || seen.get(seen.size() - 1) != rows) {
                            seen.add(rows);
                        }
                        if (seen.size() == 2) {
                            browser.fullPageScreenshot("migration-loading");
                        }
                    }
                }
                return loading.values().stream()
                        .anyMatch(seen -> seen.size() >= 2 && seen.get(0) < seen.get(seen.size() - 1));
            });
            LOG.info("Rows seen loading per table: {}", loading);
            browser.textContains(".title-row .badge", "incremental", CATCH_UP);
            assertEquals(
                    "Showing 3 of 3 tables",
                    browser.driver().findElement(By.id("table-count")).getText());
            browser.textContains("tr[data-table='public.grandchild']", "12,000 rows", SHORT);

            int points = browser.until("the lag chart has points", CATCH_UP, d -> {
                int n = Integer.parseInt(d.findElement(By.id("lag-chart")).getAttribute("data-points"));
                return n >= 3 ? n : null;
            });
            browser.fullPageScreenshot("migration-tables");
            assertNoAccessibilityProblems("the table view");
            browser.driver().navigate().refresh();
            int reloaded = browser.until("the lag chart is drawn after the reload", SHORT, d -> {
                String n = d.findElement(By.id("lag-chart")).getAttribute("data-points");
                return n == null ? null : Integer.parseInt(n);
            });
            assertTrue(
                    reloaded >= points,
                    "after a reload the chart has the " + points + " points it had, and more: " + reloaded);
            String worker = env.worker().restUrl().toString();
            List<String> resources = browser.loadedResources();
            assertTrue(
                    resources.stream().allMatch(r -> r.startsWith(worker)),
                    "everything from the worker " + worker + ": " + resources);

            browser.driver()
                    .findElement(By.cssSelector("a[data-tab='precheck']"))
                    .click();
            String summary = browser.until("the precheck report", Duration.ofMinutes(1), d -> {
                String text = d.findElement(By.id("precheck")).getText();
                return text.contains("PASS,") ? text : null;
            });
            assertFalse(
                    browser.driver()
                            .findElements(By.cssSelector("#precheck tr[data-status='PASS']"))
                            .isEmpty(),
                    summary);
            browser.fullPageScreenshot("precheck");
            assertNoAccessibilityProblems("the precheck");

            browser.driver()
                    .findElement(By.cssSelector("button[data-action='pause']"))
                    .click();
            env.rest().awaitPaused(source.name(), SHORT);
            env.rest().awaitPaused(sink.name(), SHORT);
            browser.visible("button[data-action='resume']", SHORT).click();
            env.rest().awaitRunning(source.name(), Duration.ofMinutes(1));
            env.rest().awaitRunning(sink.name(), Duration.ofMinutes(1));

            browser.driver().findElement(By.cssSelector(".crumbs a")).click();
            browser.until("the list shows the migration running", Duration.ofMinutes(1), d -> {
                String row = d.findElement(By.cssSelector("tr[data-migration='" + name + "']"))
                        .getText();
                return row.contains("incremental") && !row.contains("PAUSED") && row.contains("3 tables") ? row : null;
            });
            browser.screenshot("migrations");
            assertNoAccessibilityProblems("the list of migrations");
        }
    }

    @Test
    void verificationShowsTheDifferencesPlantedOnTheTargetWithTheirKeysAndBothRows() {
        String name = "inspected";
        try (TwoDatabaseMigration migration = startMigration(name)) {
            migration.onTarget("""
                    UPDATE parent SET name = 'changed on the target' WHERE id = 7;
                    DELETE FROM grandchild WHERE id = 11;
                    """);

            browser.open(console("#/m/" + name + "/verify"));
            WebElement recheck = browser.visible("#recheck-delay", SHORT);
            recheck.clear();
            recheck.sendKeys("1");
            browser.driver()
                    .findElement(By.cssSelector("input[name='verify-mode'][value='full']"))
                    .click();
            browser.driver().findElement(By.id("start-verify")).click();
            browser.visible("#verify-state[data-state='running']", SHORT);
            browser.visible("#verify-state[data-state='ended']", Duration.ofMinutes(2));

            assertEquals(
                    "DIFFERENT",
                    browser.driver()
                            .findElement(By.cssSelector("#verify-tables tr[data-table='public.parent']"))
                            .getAttribute("data-status"));
            assertEquals(
                    "EQUAL",
                    browser.driver()
                            .findElement(By.cssSelector("#verify-tables tr[data-table='public.child']"))
                            .getAttribute("data-status"));
            WebElement changed = browser.driver()
                    .findElement(By.cssSelector("table[data-differences='public.parent'] tr[data-key='id = 7']"));
            assertEquals("DIFFERENT", changed.getAttribute("data-kind"));
            List<WebElement> rows = changed.findElements(By.cssSelector("td.row-text"));
            assertFalse(
                    rows.get(0).getText().contains("changed on the target"),
                    rows.get(0).getText());
            assertTrue(
                    rows.get(1).getText().contains("changed on the target"),
                    rows.get(1).getText());
            WebElement missing = browser.driver()
                    .findElement(By.cssSelector("table[data-differences='public.grandchild'] tr[data-key='id = 11']"));
            assertEquals("MISSING_ON_TARGET", missing.getAttribute("data-kind"));
            assertEquals(
                    "no row",
                    missing.findElements(By.cssSelector("td.row-text")).get(1).getText());
            browser.fullPageScreenshot("verify");
            assertNoAccessibilityProblems("the verification");
        }
    }

    @Test
    void cutoverShowsTheDryRunAsksForConfirmationAndEndsWithBothConnectorsPaused() {
        String name = "switched";
        try (TwoDatabaseMigration migration = startMigration(name)) {
            browser.open(console("#/m/" + name + "/cutover"));
            browser.visible("#dry-run", SHORT).click();
            browser.visible(
                    "#dry-run-steps li[data-step='stop-connectors'][data-status='would']", Duration.ofMinutes(1));
            assertEquals(
                    "RUNNING",
                    env.rest()
                            .status(name + "-source")
                            .path("connector")
                            .path("state")
                            .asText(),
                    "a dry run changes nothing");
            assertEquals(
                    "RUNNING",
                    env.rest()
                            .status(name + "-sink")
                            .path("connector")
                            .path("state")
                            .asText());
            browser.fullPageScreenshot("cutover-dry-run");

            // by keyboard: the dialog takes the focus, space ticks the box, tab moves past Cancel to the button
            browser.driver().findElement(By.id("cutover-start")).sendKeys(Keys.ENTER);
            browser.visible("#cutover-dialog[open]", SHORT);
            assertFalse(
                    browser.driver().findElement(By.id("cutover-go")).isEnabled(),
                    "nothing happens until the box is ticked");
            assertEquals(
                    "writes-stopped",
                    browser.driver().switchTo().activeElement().getAttribute("id"));
            browser.screenshot("cutover-confirm");
            new Actions(browser.driver())
                    .sendKeys(Keys.SPACE)
                    .sendKeys(Keys.TAB)
                    .sendKeys(Keys.TAB)
                    .perform();
            assertEquals(
                    "cutover-go", browser.driver().switchTo().activeElement().getAttribute("id"));
            new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();

            browser.visible("#cutover-state[data-state='completed']", Duration.ofMinutes(3));
            List<String> steps = new ArrayList<>();
            browser.driver()
                    .findElements(By.cssSelector("#cutover-steps li"))
                    .forEach(li -> steps.add(li.getAttribute("data-step") + ":" + li.getAttribute("data-status")));
            LOG.info("Cutover steps shown: {}", steps);
            assertEquals(
                    List.of(
                            "check-connectors:done",
                            "await-zero-lag:done",
                            "sync-sequences:done",
                            "restore-foreign-keys:done",
                            "verify:done",
                            "stop-connectors:done",
                            "revoke-writes:skipped",
                            "done:done"),
                    steps);
            env.rest().awaitPaused(name + "-source", SHORT);
            env.rest().awaitPaused(name + "-sink", SHORT);
            browser.fullPageScreenshot("cutover-done");
            assertNoAccessibilityProblems("the cutover");
        }
    }

    @Test
    void theExtensionServesItsFilesWithAPolicyAllowingOnlyTheWorkerAndNothingElse() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = env.worker().restUrl() + "/pg2polar/ui";
        HttpResponse<String> bare =
                http.send(HttpRequest.newBuilder(URI.create(base)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(301, bare.statusCode(), "the page's relative links need the slash");
        assertEquals(base + "/", bare.headers().firstValue("Location").orElseThrow());
        for (String file : List.of("", "console.js", "console.css", "favicon.svg")) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/" + file)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), file);
            assertTrue(
                    answer.headers()
                            .firstValue("Content-Security-Policy")
                            .orElseThrow()
                            .startsWith("default-src 'none'; script-src 'self';"),
                    file);
            // the SVG namespace is a name, never fetched
            String addresses = answer.body().replace("http://www.w3.org/2000/svg", "");
            assertFalse(
                    addresses.contains("http://") || addresses.contains("https://") || addresses.contains("//cdn"),
                    file + " names no other site");
        }
        HttpResponse<String> other = http.send(
                HttpRequest.newBuilder(URI.create(base + "/Pg2PolarRestExtension.class"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, other.statusCode(), "only the console's own files: " + other.body());
        HttpResponse<String> climbing = http.send(
                HttpRequest.newBuilder(URI.create(base + "/..%2F..%2Fconsole%2Fconsole.js"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(4, climbing.statusCode() / 100, "no way out of the directory: " + climbing.statusCode());
    }

    private static String console(String fragment) {
        return env.worker().restUrl() + "/pg2polar/ui/" + fragment;
    }

    private static void assertNoAccessibilityProblems(String view) {
        List<String> problems = Accessibility.problems(browser);
        assertTrue(problems.isEmpty(), view + ": " + String.join("; ", problems));
    }

    private static TwoDatabaseMigration createSource(String name, int parents) {
        TwoDatabaseMigration migration = TwoDatabaseMigration.create(env, name);
        FamilyTables.create(env.source(), migration.sourceDatabase());
        FamilyTables.load(env.source(), migration.sourceDatabase(), parents);
        return migration;
    }

    private static TwoDatabaseMigration startMigration(String name) {
        TwoDatabaseMigration migration = createSource(name, 50).start();
        migration.awaitIdentical(FamilyTables.ALL, CATCH_UP);
        return migration;
    }
}
