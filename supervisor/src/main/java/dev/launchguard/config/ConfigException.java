package dev.launchguard.config;

/**
 * A configuration file that cannot be used. The message names the file, the key path, the bad
 * value and what is allowed: {@code launchguard.yaml: jobs[2].liveness.timeout: 15s must be shorter than interval 10s}.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String file, String keyPath, String problem) {
        super(keyPath.isEmpty() ? file + ": " + problem : file + ": " + keyPath + ": " + problem);
    }

    public ConfigException(String file, String keyPath, String problem, Throwable cause) {
        super(keyPath.isEmpty() ? file + ": " + problem : file + ": " + keyPath + ": " + problem, cause);
    }
}
