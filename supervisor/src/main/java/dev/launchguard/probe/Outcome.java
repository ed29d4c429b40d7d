package dev.launchguard.probe;

/** How one probe attempt ended. A failing target is an outcome, never an exception. */
public enum Outcome {
    /** The target answered as expected. */
    UP,
    /** The target answered, but wrongly: unexpected status or a body that does not match. */
    DOWN,
    /** The attempt's deadline passed before the target answered. */
    TIMEOUT,
    /** Nothing listens: the connection was refused. */
    REFUSED,
    /** Anything else: a reset, a TLS failure, a malformed response. */
    ERROR;

    /** The lower-case name used as the {@code outcome} metric tag. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
