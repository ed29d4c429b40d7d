package dev.launchguard.drift;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The job manager's view of the jobs, as the drift watcher reads it: the CLI asks the running
 * launchguard's API, and a watcher inside launchguard would read its own fleet.
 */
public interface JobDirectory {

    /** Every loaded job by label; throws {@link Unavailable} when the job manager cannot be asked. */
    Map<String, LoadedJob> jobs();

    /**
     * One loaded job.
     *
     * @param state the health state name (DISABLED once disabled, STOPPED once booted out)
     * @param loadedDigest the plist's SHA-256 when it was loaded
     */
    record LoadedJob(String label, String state, OptionalLong pid, Optional<Path> plist, Optional<String> loadedDigest) {
        public LoadedJob {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(pid, "pid");
            Objects.requireNonNull(plist, "plist");
            Objects.requireNonNull(loadedDigest, "loadedDigest");
        }
    }

    /** The job manager did not answer; the message says where it was asked and what happened. */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
