package io.pg2polar.controlplane;

/** A call whose parameters or body make no sense: answered with 400 and the message. */
final class BadRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
        super(message);
    }
}
