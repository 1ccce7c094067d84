package io.pg2polar.sink.schema;

import org.apache.kafka.connect.errors.ConnectException;

import io.pg2polar.common.extension.ExtensionOutcomes;
import io.pg2polar.common.sql.TableId;

/**
 * A table needs an extension the target lacks and the sink cannot create. Not retriable: only someone acting on the
 * target helps, so the task stops at once instead of retrying for {@code apply.retry.window}.
 */
public class MissingExtensionException extends ConnectException {

    private static final long serialVersionUID = 1L;

    public MissingExtensionException(TableId table, ExtensionOutcomes outcomes) {
        super("Table " + table.quoted() + " needs extensions the target lacks and the sink cannot create: "
                + outcomes.describeBlocked(e -> "")
                + ". " + outcomes.fix()
                + "; then restart the failed sink task. Nothing of the table was applied; retrying cannot help, so"
                + " the task stops now.");
    }
}
