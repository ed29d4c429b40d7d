package dev.launchguard.fleet;

/**
 * A job's log cannot be read: its plist names no such file, or the file cannot be opened. The message
 * says which, for the API's 404.
 */
public final class LogUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LogUnavailable(String message) {
        super(message);
    }

    public LogUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
