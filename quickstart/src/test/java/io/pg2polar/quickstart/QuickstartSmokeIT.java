package io.pg2polar.quickstart;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.servers.postgres.PostgresServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main job does what the README promises: the demo migrates into an empty target through the Connect REST
 * API while its writer runs, prints progress and the address of the migration console (which serves the page), and
 * the target ends with every row of the source.
 */
class QuickstartSmokeIT {

    @Test
    void demoMigratesEveryRowAndReportsProgress() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try (Quickstart quickstart = Quickstart.start(QuickstartOptions.parse(), out)) {
            quickstart.streamUntil(Instant.now().plusSeconds(15), Duration.ofSeconds(5));
            Matcher console = Pattern.compile("(?m)^Migration console: (http://\\S+/pg2polar/ui/)#/m/pg2polar ")
                    .matcher(printed.toString(StandardCharsets.UTF_8));
            assertTrue(console.find(), printed.toString(StandardCharsets.UTF_8));
            HttpResponse<String> page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(console.group(1))).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<title>pg2polar console</title>"), page.body());
            quickstart.stopWriter();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            for (TableId table : quickstart.tables()) {
                List<String> expected = rows(quickstart.source(), quickstart.sourceDatabase(), table);
                while (!expected.equals(rows(quickstart.target(), quickstart.targetDatabase(), table))
                        && Instant.now().isBefore(deadline)) {
                    Thread.sleep(500);
                }
                assertEquals(
                        expected, rows(quickstart.target(), quickstart.targetDatabase(), table), "rows of " + table);
            }
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(
                true,
                output.contains("pg2polar-source: RUNNING/RUNNING") && output.contains("shop.order_line"),
                output);
        // the phase the migration's status reports, not a guess from row counts that differ while changes stream
        assertEquals(
                true,
                Pattern.compile("(?m)^\\[.*\\] migration pg2polar: incremental, lag \\d+ ms")
                        .matcher(output)
                        .find(),
                output);
        assertEquals(
                true,
                Pattern.compile("(?m)^\\s+shop\\.order_line\\s.*\\sincremental$")
                        .matcher(output)
                        .find(),
                output);
        assertEquals(false, output.contains("copying"), output);
    }

    private static List<String> rows(PostgresServer server, String database, TableId table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("SET extra_float_digits = 3");
            try (ResultSet rs = statement.executeQuery("SELECT t::text FROM " + table.quoted() + " t")) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return rows;
            }
            throw e;
        }
        Collections.sort(rows);
        return rows;
    }
}
