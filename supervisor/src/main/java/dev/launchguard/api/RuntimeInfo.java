package dev.launchguard.api;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a running launchguard publishes in its runtime file so the CLI finds it without flags.
 *
 * @param pid the daemon's process id
 * @param url the API's base address, without a trailing slash ({@code http://127.0.0.1:9470})
 * @param tokenFile the file holding the bearer token for kickstart
 * @param startedAt when the API started listening
 * @param certificate the API's TLS certificate when it serves HTTPS: the CLI trusts exactly that one
 */
public record RuntimeInfo(long pid, URI url, Path tokenFile, Instant startedAt, Optional<Path> certificate) {

    public RuntimeInfo {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(tokenFile, "tokenFile");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** A plain-HTTP API's runtime information. */
    public RuntimeInfo(long pid, URI url, Path tokenFile, Instant startedAt) {
        this(pid, url, tokenFile, startedAt, Optional.empty());
    }
}
