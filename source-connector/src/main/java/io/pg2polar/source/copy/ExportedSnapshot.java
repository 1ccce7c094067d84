package io.pg2polar.source.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.connector.postgresql.TypeRegistry;
import io.debezium.connector.postgresql.connection.PostgresConnection;
import io.debezium.connector.postgresql.connection.ReplicationConnection;
import io.debezium.connector.postgresql.spi.SlotCreationResult;

import io.pg2polar.common.jdbc.PgEndpoint;

/**
 * One consistent view of the source that several sessions can read from ({@code SET TRANSACTION SNAPSHOT}), and
 * the WAL position it corresponds to. For a streaming migration it is the snapshot the new replication slot
 * exports: streaming from the slot then starts exactly after the rows the full load copies. The exporting
 * session must stay open and idle until every reader has imported the snapshot; {@link #close()} ends it.
 */
public final class ExportedSnapshot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExportedSnapshot.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final AutoCloseable holder;
    private final String name;
    private final long walPosition;

    private ExportedSnapshot(AutoCloseable holder, String name, long walPosition) {
        this.holder = holder;
        this.name = name;
        this.walPosition = walPosition;
    }

    /**
     * Creates the migration's replication slot through Debezium's own replication connection (so its publication
     * is set up exactly as Debezium would, before the slot), keeping the snapshot the slot exports. A slot of the
     * same name left by a full load that was interrupted is dropped first: nothing was streamed from it yet.
     */
    public static ExportedSnapshot ofNewSlot(PgEndpoint endpoint, PostgresConnectorConfig config) throws SQLException {
        dropUnusedSlot(endpoint, config.slotName());
        PostgresConnection metadata;
        try (PostgresConnection types = new PostgresConnection(config.getJdbcConfig(), "pg2polar-full-load-types")) {
            metadata = new PostgresConnection(config, new TypeRegistry(types), "pg2polar-full-load-metadata");
        }
        ReplicationConnection replication = null;
        try {
            replication = ReplicationConnection.builder(config)
                    .withSlot(config.slotName())
                    .withPublication(config.publicationName())
                    .withTableFilter(config.getTableFilters())
                    .withPublicationAutocreateMode(PostgresConnectorConfig.AutoCreateMode.parse(
                            config.getConfig().getString(PostgresConnectorConfig.PUBLICATION_AUTOCREATE_MODE)))
                    .withPlugin(config.plugin())
                    .dropSlotOnClose(false)
                    .createFailOverSlot(config.getConfig().getBoolean(PostgresConnectorConfig.CREATE_FAIL_OVER_SLOT))
                    .withTypeRegistry(metadata.getTypeRegistry())
                    .jdbcMetadataConnection(metadata)
                    .build();
            SlotCreationResult slot = replication
                    .createReplicationSlot()
                    .orElseThrow(() -> new SQLException("The source did not report the replication slot it created"));
            if (slot.snapshotName() == null) {
                throw new SQLException("The source exported no snapshot with replication slot " + slot.slotName());
            }
            LOG.info(
                    "Created replication slot {} at {} exporting snapshot {}",
                    slot.slotName(),
                    slot.startLsn(),
                    slot.snapshotName());
            ReplicationConnection held = replication;
            return new ExportedSnapshot(
                    () -> {
                        held.close();
                        metadata.close();
                    },
                    slot.snapshotName(),
                    slot.startLsn().asLong());
        } catch (SQLException | RuntimeException e) {
            closeQuietly(replication);
            closeQuietly(metadata);
            throw e;
        }
    }

    /** A snapshot of a plain transaction, for a full load that streams nothing afterwards (no slot). */
    public static ExportedSnapshot ofTransaction(PgEndpoint endpoint) throws SQLException {
        Connection connection = endpoint.connect("pg2polar-full-load", TIMEOUT, Duration.ZERO);
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(
                            "SELECT pg_export_snapshot(), pg_current_wal_lsn() - '0/0'::pg_lsn")) {
                rs.next();
                return new ExportedSnapshot(connection, rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** Starts a read-only transaction on the connection that sees exactly this snapshot. */
    public void importInto(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION SNAPSHOT '" + name.replace("'", "''") + "'");
        }
    }

    /** The WAL position of the snapshot: where streaming resumes after the copied rows. */
    public long walPosition() {
        return walPosition;
    }

    @Override
    public void close() {
        closeQuietly(holder);
    }

    private static void dropUnusedSlot(PgEndpoint endpoint, String slot) throws SQLException {
        try (Connection connection = endpoint.connect("pg2polar-full-load", TIMEOUT, TIMEOUT);
                PreparedStatement find =
                        connection.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            find.setString(1, slot);
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                if (rs.getBoolean(1)) {
                    throw new SQLException(
                            "Replication slot " + slot
                                    + " is in use by another session; the full load cannot start over"
                                    + " until it is released (is another task of this connector still running?)",
                            "55006");
                }
            }
            LOG.warn(
                    "Replication slot {} exists but the full load never completed: dropping it to start over from a new snapshot",
                    slot);
            try (PreparedStatement drop = connection.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                drop.setString(1, slot);
                drop.execute();
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("Closing {} failed: {}", closeable, e.getMessage());
        }
    }
}
