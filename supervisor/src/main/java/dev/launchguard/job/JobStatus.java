package dev.launchguard.job;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A snapshot of one job as its job manager sees it: the same shape whether it came from
 * {@code launchctl print} or from the embedded engine.
 *
 * @param label the launchd Label, the job's one identifier
 * @param loaded whether the job manager has the job loaded
 * @param state whether a process is running, and if not, why
 * @param pid the running instance's PID, empty when none runs
 * @param lastExit how the previous instance ended, empty if it never exited
 * @param runs how many times the job has been spawned since it was loaded
 * @param throttledUntil when a throttled respawn is due, empty unless one is pending
 */
public record JobStatus(
        String label,
        boolean loaded,
        RunState state,
        OptionalLong pid,
        Optional<Termination> lastExit,
        long runs,
        Optional<Instant> throttledUntil) {

    public JobStatus {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(lastExit, "lastExit");
        Objects.requireNonNull(throttledUntil, "throttledUntil");
        if (runs < 0) {
            throw new IllegalArgumentException("job '" + label + "' runs must be >= 0, was " + runs);
        }
    }

    /** The status of a label the job manager does not have loaded. */
    public static JobStatus unloaded(String label) {
        return new JobStatus(label, false, RunState.NOT_RUNNING, OptionalLong.empty(), Optional.empty(), 0,
                Optional.empty());
    }

    public boolean running() {
        return state == RunState.RUNNING && pid.isPresent();
    }
}
