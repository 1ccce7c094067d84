package io.pg2polar.sink.catalog;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * A table or column that events refer to does not exist on the target. Not retriable: the task fails with a
 * message that names the object and the fix, instead of retrying forever.
 */
public class MissingTargetObjectException extends ConnectException {

    private static final long serialVersionUID = 1L;

    public MissingTargetObjectException(String message) {
        super(message);
    }
}
