package dev.launchguard.client;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a running launchguard's API is, the token file that goes with it, how that was decided
 * ({@code --url}, its runtime file, the default address), and the certificate its API serves when it
 * speaks HTTPS.
 */
public record ApiTarget(URI url, Path tokenFile, String source, Optional<Path> certificate) {

    public ApiTarget(URI url, Path tokenFile, String source) {
        this(url, tokenFile, source, Optional.empty());
    }
}
