package io.pg2polar.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;

import io.pg2polar.common.jdbc.SqlStates;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.catalog.TargetCatalog;
import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.event.DebeziumEnvelopeDecoder;
import io.pg2polar.sink.event.Operation;
import io.pg2polar.sink.jdbc.TargetSession;
import io.pg2polar.sink.write.TableBatch;
import io.pg2polar.sink.write.TableBatchWriter;

/**
 * Applies the records of one {@code put} to the target in one transaction: decodes them, reduces each table's
 * changes to a batch, writes the batches and commits. When this returns, every record given to it is durable
 * on the target, so the offsets Connect commits next never run ahead of the data.
 */
public final class ChangeApplier implements AutoCloseable {

    private final TargetSession session;
    private final TargetCatalog catalog;
    private final DebeziumEnvelopeDecoder decoder;
    private final TableBatchWriter writer;

    public ChangeApplier(TargetSession session, DebeziumEnvelopeDecoder decoder, TableBatchWriter writer) {
        this.session = session;
        this.catalog = new TargetCatalog(session.endpoint().describe());
        this.decoder = decoder;
        this.writer = writer;
    }

    /**
     * @throws RetriableException when the target connection was lost; nothing of the records was applied
     * @throws ConnectException   when the target rejects a change for a reason retrying cannot fix
     */
    public void apply(Collection<SinkRecord> records) {
        List<ChangeEvent> events = new ArrayList<>(records.size());
        for (SinkRecord record : records) {
            decoder.decode(record).ifPresent(events::add);
        }
        if (events.isEmpty()) {
            return;
        }
        try {
            applyInTransaction(session.connection(), events);
        }
        catch (SQLException e) {
            session.recover(e);
            SQLException cause = serverError(e);
            if (SqlStates.isConnectionLoss(cause) || SqlStates.isTransient(cause)) {
                catalog.clear();
                throw new RetriableException("Applying " + events.size() + " changes to the target " + session.endpoint().describe()
                        + " was interrupted (" + cause.getMessage() + "); nothing was committed, they will be applied again.", e);
            }
            throw new ConnectException("The target " + session.endpoint().describe() + " rejected a batch of " + events.size()
                    + " changes starting at " + events.get(0).position() + ": " + cause.getMessage(), e);
        }
        catch (RuntimeException e) {
            session.recover(e);
            throw e;
        }
    }

    private void applyInTransaction(Connection connection, List<ChangeEvent> events) throws SQLException {
        Map<TableId, TableBatch> batches = new LinkedHashMap<>();
        for (ChangeEvent event : events) {
            if (event.operation() == Operation.TRUNCATE) {
                TableBatch pending = batches.remove(event.table());
                if (pending != null) {
                    writer.write(connection, pending);
                }
                writer.truncate(connection, catalog.table(connection, event.table()));
            }
            else {
                TableBatch batch = batches.get(event.table());
                if (batch == null) {
                    batch = new TableBatch(catalog.table(connection, event.table()));
                    batches.put(event.table(), batch);
                }
                batch.add(event);
            }
        }
        for (TableBatch batch : batches.values()) {
            writer.write(connection, batch);
        }
        connection.commit();
    }

    private static SQLException serverError(SQLException e) {
        SQLException next = e.getNextException();
        return next != null ? next : e;
    }

    @Override
    public void close() {
        session.close();
    }
}
