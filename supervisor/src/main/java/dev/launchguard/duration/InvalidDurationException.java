package dev.launchguard.duration;

/**
 * A duration that {@link DurationSyntax} refused. The message names the value and what is allowed,
 * but not where it was written: the config and the command line each add that.
 */
public final class InvalidDurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidDurationException(String message) {
        super(message);
    }
}
