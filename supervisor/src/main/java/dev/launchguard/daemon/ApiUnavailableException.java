package dev.launchguard.daemon;

/**
 * launchguard could not start its HTTP API (the address is taken, or not this machine's); everything
 * the start had begun, the jobs included, was stopped again. The message says what and where.
 */
public final class ApiUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ApiUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
