package dev.launchguard.config;

import dev.launchguard.logging.OneLine;

/**
 * A configuration file that cannot be used. The message names the file, the key path, the bad
 * value and what is allowed: {@code launchguard.yaml: jobs[2].liveness.timeout: 15s must be shorter than interval 10s}.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The message without the file's name, for a caller that names the file itself. */
    private final String detail;

    public ConfigException(String file, String keyPath, String problem) {
        this(file, keyPath, problem, null);
    }

    public ConfigException(String file, String keyPath, String problem, Throwable cause) {
        super(OneLine.of(file) + ": " + detail(keyPath, problem), cause);
        this.detail = detail(keyPath, problem);
    }

    private static String detail(String keyPath, String problem) {
        // One line, whatever the file held: a value quoted into the message may carry newlines.
        return keyPath.isEmpty() ? OneLine.of(problem) : OneLine.of(keyPath) + ": " + OneLine.of(problem);
    }

    /** The key path and the problem, without the file: {@code jobs[2].liveness.timeout: 15s must be shorter ...}. */
    public String detail() {
        return detail;
    }
}
