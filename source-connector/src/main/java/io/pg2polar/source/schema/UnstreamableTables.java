package io.pg2polar.source.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.errors.ConnectException;

import io.debezium.connector.postgresql.PostgresConnectorConfig;

import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.source.precheck.TableNameCheck;

/**
 * Turns Debezium's failure at a change of a table it cannot stream by name ({@link StreamableNames}) into a failure
 * that names the table and the fix. Debezium's own says {@code Unexpected input: "}, from its parser, on its
 * capture thread, which reaches the task before pg2polar sees the DDL that created the name when both are in one
 * poll; so the captured tables are looked up on the source when that failure arrives.
 */
public final class UnstreamableTables {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PARSER = "io.debezium.relational.TableIdParser";

    private final PgEndpoint endpoint;
    private final PostgresConnectorConfig config;

    public UnstreamableTables(PgEndpoint endpoint, PostgresConnectorConfig config) {
        this.endpoint = endpoint;
        this.config = config;
    }

    /** The failure to throw instead: the same one unless it is Debezium's parser's and a captured table explains it. */
    public RuntimeException explain(RuntimeException failure) {
        if (!fromNameParser(failure)) {
            return failure;
        }
        try (Connection connection = endpoint.connect("pg2polar-names", TIMEOUT, TIMEOUT)) {
            List<String> refusals = new ArrayList<>();
            TableNameCheck.problems(connection, CapturedTables.list(connection, config))
                    .forEach((table, problem) -> refusals.add(StreamableNames.streamingRefusal(
                            table.schema(), table.table(), problem, "its creation or rename")));
            return refusals.isEmpty() ? failure : new ConnectException(String.join(". ", refusals) + ".", failure);
        } catch (SQLException e) {
            failure.addSuppressed(e);
            return failure;
        }
    }

    /** Debezium's parser failing on a name, or its decoder refusing columns that differ only in case. */
    static boolean fromNameParser(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("differ only by case")) {
                return true;
            }
            if (t instanceof IllegalArgumentException) {
                for (StackTraceElement frame : t.getStackTrace()) {
                    if (frame.getClassName().startsWith(PARSER)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
