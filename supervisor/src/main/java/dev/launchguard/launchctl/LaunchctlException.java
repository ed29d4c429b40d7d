package dev.launchguard.launchctl;

import dev.launchguard.job.JobManagerException;

/**
 * A {@code launchctl} call failed; carries the typed {@link LaunchctlError} so callers can tell
 * "not loaded" from "SIP" without reading the message.
 */
public final class LaunchctlException extends JobManagerException {

    private static final long serialVersionUID = 1L;

    private final transient LaunchctlError error;

    public LaunchctlException(String label, String subcommand, LaunchctlError error) {
        this(label, subcommand, error, error.reason().meaning());
    }

    /** With {@code explanation} in place of the reason's general meaning, when more is known. */
    public LaunchctlException(String label, String subcommand, LaunchctlError error, String explanation) {
        super(label, "launchctl " + subcommand + " failed with " + error.code() + " (" + explanation + "): "
                + error.message());
        this.error = error;
    }

    public LaunchctlError error() {
        return error;
    }

    public LaunchctlReason reason() {
        return error.reason();
    }
}
