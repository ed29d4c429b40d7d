package dev.launchguard.cli;

import dev.launchguard.api.RuntimeFile;
import dev.launchguard.client.ApiTarget;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of every command that talks to a running launchguard, and how it is found without
 * them: the runtime file in the state folder, else the default address.
 */
final class InstanceOptions {

    @Option(names = "--url", paramLabel = "URL",
            description = "the API of the running launchguard (default: from <state-dir>/runtime.json, else "
                    + "http://127.0.0.1:9470)")
    URI url;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "launchguard's state folder (default: $LAUNCHGUARD_STATE_DIR, else ~/.launchguard)")
    Path stateDir;

    ApiTarget resolve() {
        RuntimeFile.Endpoint found = RuntimeFile.find(stateDir());
        if (url != null) {
            return new ApiTarget(url, found.tokenFile(), "--url", found.certificate());
        }
        return new ApiTarget(found.url(), found.tokenFile(), found.source(), found.certificate());
    }

    /** The state folder: {@code --state-dir}, else {@code $LAUNCHGUARD_STATE_DIR}, else {@code ~/.launchguard}. */
    Path stateDir() {
        return RuntimeFile.stateDir(Optional.ofNullable(stateDir), System.getenv(), Path.of(System.getProperty("user.home")));
    }
}
