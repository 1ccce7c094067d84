package io.pg2polar.common.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.precheck.PrecheckReport;
import io.pg2polar.common.precheck.SelectedTables;
import io.pg2polar.common.sql.TableId;

/**
 * A source connector's configuration as the control plane reads it. The source plugin implements it (a
 * {@link SourceConnectorSettingsProvider} in its {@code META-INF/services}), so the control plane, packaged in the
 * same archive, needs none of the source connector's classes. No method returns null.
 */
public interface SourceConnectorSettings {

    /**
     * Reads a source connector's configuration as the user gives it to Connect (placeholders resolved, {@code name}
     * included: the slot and publication are named after it) with the source plugin next to this class.
     *
     * @throws IllegalStateException when no source plugin is installed next to this class
     */
    static SourceConnectorSettings of(Map<String, String> sourceConnectorConfig) {
        return ServiceLoader.load(SourceConnectorSettingsProvider.class, SourceConnectorSettings.class.getClassLoader())
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException(
                                "No pg2polar source plugin next to " + SourceConnectorSettings.class.getName()
                                        + ": install the source plugin archive, which holds the control plane, on the worker's plugin.path"))
                .parse(sourceConnectorConfig);
    }

    /** The source database. */
    PgEndpoint endpoint();

    /** The replication slot the migration reads from. */
    String slotName();

    /** The publication the migration reads from. */
    String publicationName();

    /** Whether the migration type streams changes after the full load. */
    boolean streams();

    /** The tables the source connector captures, as the source lists them now, in schema and name order. */
    List<TableId> capturedTables(Connection source) throws SQLException;

    /** The topic the source connector writes each table's changes to, as its topic naming strategy chooses it. */
    Function<TableId, String> topicNaming();

    /** The source's precheck: an unreachable source or a failing query is a FAIL item, not an exception. */
    PrecheckReport precheck();

    /** The tables the configuration selects, their total size on the source and the extensions they need, for the target's checks. */
    SelectedTables selection() throws SQLException;
}
