package io.pg2polar.sink.sequence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.sequence.SequenceRefusal;
import io.pg2polar.common.sequence.SequenceStatements;
import io.pg2polar.common.sequence.SequenceSync;
import io.pg2polar.sink.event.ChangeEvent;

/**
 * Applies the source's sequence positions (continuous sequence resync). A position the target refuses is a
 * control record that no retry can apply, and it must not hold the rows of every table in its batch for the apply
 * window: the task fails at once naming the sequence and the fix, or, with an errant record reporter
 * ({@code errors.tolerance=all}), the state goes to the dead letter queue once per refusal (the source sends a
 * state every few seconds) while the other sequences and all rows are applied.
 */
public final class SequenceStates {

    private static final Logger LOG = LoggerFactory.getLogger(SequenceStates.class);

    /** Sets a record aside, waiting until it is stored. */
    @FunctionalInterface
    public interface ErrantRecords {
        void report(SinkRecord record, Exception problem);
    }

    private final ErrantRecords errantRecords;
    private final SequenceStatements statements;
    /** Each refused sequence with the refusal already reported, so a state every few seconds does not repeat it. */
    private final Map<String, String> reported = new HashMap<>();

    /**
     * @param errantRecords where refused states go; null makes a refusal fail the task
     * @param statements    the dialect's sequence statements
     */
    public SequenceStates(ErrantRecords errantRecords, SequenceStatements statements) {
        this.errantRecords = errantRecords;
        this.statements = statements;
    }

    /**
     * Applies one state in the caller's transaction.
     *
     * @throws SQLException     when the target was lost or a retry may succeed
     * @throws ConnectException when the target refused a sequence and there is no errant record reporter
     */
    public void apply(Connection connection, ChangeEvent event) throws SQLException {
        List<SequenceRefusal> refused = SequenceSync.apply(
                        connection, event.sequences().sequences(), statements)
                .refused();
        Set<String> refusedNames = refused.stream().map(SequenceRefusal::name).collect(Collectors.toSet());
        reported.keySet().retainAll(refusedNames);
        if (refused.isEmpty()) {
            return;
        }
        if (errantRecords == null) {
            throw new ConnectException(
                    "The target refused the source's position of " + describe(refused) + ". " + fixes(refused)
                            + "; then restart the task. Or set errors.tolerance=all with a dead letter queue to set such sequence states"
                            + " aside (the other sequences and all rows are applied meanwhile).",
                    refused.get(0).cause());
        }
        List<SequenceRefusal> fresh = refused.stream()
                .filter(r -> !r.describe().equals(reported.get(r.name())))
                .toList();
        if (fresh.isEmpty()) {
            LOG.debug("Sequence state {} set aside again: {}", event.position(), describe(refused));
            return;
        }
        errantRecords.report(
                event.origin(),
                new ConnectException(
                        "The target refused the source's position of " + describe(fresh) + ". " + fixes(fresh) + "."));
        fresh.forEach(r -> reported.put(r.name(), r.describe()));
    }

    private static String describe(List<SequenceRefusal> refused) {
        return refused.stream().map(SequenceRefusal::describe).collect(Collectors.joining("; "));
    }

    private static String fixes(List<SequenceRefusal> refused) {
        return refused.stream().map(SequenceRefusal::fix).distinct().collect(Collectors.joining("; "));
    }
}
