package dev.launchguard.cli;

import dev.launchguard.api.RuntimeFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of every command that talks to a running launchguard, and how it is found without
 * them: the runtime file in the state folder, else the default address.
 */
final class InstanceOptions {

    /**
     * Where the running instance is, the token that goes with it, how that was decided, and the
     * certificate its API serves when it speaks HTTPS.
     */
    record Target(URI url, Path tokenFile, String source, Optional<Path> certificate) {

        Target(URI url, Path tokenFile, String source) {
            this(url, tokenFile, source, Optional.empty());
        }
    }

    @Option(names = "--url", paramLabel = "URL",
            description = "the API of the running launchguard (default: from <state-dir>/runtime.json, else "
                    + "http://127.0.0.1:9470)")
    URI url;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "launchguard's state folder (default: $LAUNCHGUARD_STATE_DIR, else ~/.launchguard)")
    Path stateDir;

    Target resolve() {
        RuntimeFile.Endpoint found = RuntimeFile.find(stateDir());
        if (url != null) {
            return new Target(url, found.tokenFile(), "--url", found.certificate());
        }
        return new Target(found.url(), found.tokenFile(), found.source(), found.certificate());
    }

    /** The state folder: {@code --state-dir}, else {@code $LAUNCHGUARD_STATE_DIR}, else {@code ~/.launchguard}. */
    Path stateDir() {
        return RuntimeFile.stateDir(Optional.ofNullable(stateDir), System.getenv(), Path.of(System.getProperty("user.home")));
    }
}
