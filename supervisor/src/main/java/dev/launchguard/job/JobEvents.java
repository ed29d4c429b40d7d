package dev.launchguard.job;

import java.util.Optional;

/**
 * Hears what a job manager sees happen to its jobs' processes, as it happens: the supervisor
 * (crashes, respawn latency) or a benchmark timestamps these instead of polling {@code status}.
 * The embedded engine reports its own children; under launchd, {@code launchctl.ReportingJobManager}
 * reports the PIDs launchd shows. Called on the job manager's threads; an implementation must
 * return quickly and never call back into the job manager.
 */
public interface JobEvents {

    /** A listener that ignores everything. */
    JobEvents NONE = new JobEvents() {
    };

    /** A run of {@code label} started as {@code pid}. */
    default void spawned(String label, long pid) {
    }

    /**
     * A run of {@code label} ended; {@code how} is empty when the job manager could not learn it (an
     * adopted run, launchd).
     */
    default void exited(String label, long pid, Optional<Termination> how) {
    }
}
