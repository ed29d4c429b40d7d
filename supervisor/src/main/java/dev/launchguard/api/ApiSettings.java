package dev.launchguard.api;

import dev.launchguard.config.ApiConfig;
import dev.launchguard.config.LaunchguardConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the API server needs from the configuration.
 *
 * @param host the bind address (loopback by default)
 * @param port the port; 0 picks a free one (tests)
 * @param stateDir where the runtime file goes
 * @param tokenFile the bearer token, created 0600 when missing
 * @param api accepted Host names, the request deadline, the connection cap and TLS
 * @param jobs how many jobs are configured: each keeps some descriptors of its own (probes, spawns)
 */
public record ApiSettings(String host, int port, Path stateDir, Path tokenFile, ApiConfig api, int jobs) {

    public ApiSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(tokenFile, "tokenFile");
        Objects.requireNonNull(api, "api");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("API port " + port + " must be from 0 to 65535");
        }
    }

    /** Settings with the API block at its defaults (tests). */
    public ApiSettings(String host, int port, Path stateDir, Path tokenFile) {
        this(host, port, stateDir, tokenFile, ApiConfig.defaults(), 0);
    }

    public static ApiSettings of(LaunchguardConfig config) {
        return new ApiSettings(config.listenHost(), config.listenPort(), config.stateDir(), config.tokenFile(),
                config.api(), config.jobs().size());
    }
}
