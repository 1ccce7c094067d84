package io.pg2polar.controlplane;

/** A call named a migration whose connector does not exist: answered with 404. */
final class MissingConnectorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MissingConnectorException(String message) {
        super(message);
    }
}
