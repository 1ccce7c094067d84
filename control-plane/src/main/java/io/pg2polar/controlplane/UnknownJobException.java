package io.pg2polar.controlplane;

/** A call named a job this worker does not know: answered with 404. */
final class UnknownJobException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnknownJobException(String message) {
        super(message);
    }
}
