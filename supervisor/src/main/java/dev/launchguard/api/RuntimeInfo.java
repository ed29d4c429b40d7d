package dev.launchguard.api;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What a running launchguard publishes in its runtime file so the CLI finds it without flags.
 *
 * @param pid the daemon's process id
 * @param url the API's base address, without a trailing slash ({@code http://127.0.0.1:9470})
 * @param tokenFile the file holding the bearer token for kickstart
 * @param startedAt when the API started listening
 */
public record RuntimeInfo(long pid, URI url, Path tokenFile, Instant startedAt) {

    public RuntimeInfo {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(tokenFile, "tokenFile");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
