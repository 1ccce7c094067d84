package io.pg2polar.controlplane.verify;

/** Verification could not run: a database is unreachable or the run was interrupted. */
public final class VerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
