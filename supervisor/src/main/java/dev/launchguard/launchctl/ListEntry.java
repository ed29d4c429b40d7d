package dev.launchguard.launchctl;

import dev.launchguard.job.JobStatus;
import dev.launchguard.job.RunState;
import dev.launchguard.job.Termination;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One row of the {@code launchctl list} table: {@code PID Status Label}.
 *
 * @param pid the running instance, empty for {@code -}
 * @param status the Status column as printed: the last exit code, or minus the signal that ended it
 * @param lastExit {@code status} decoded; a running KeepAlive job still shows how its previous
 *     instance ended (list-table-2020-running-with-nonzero-last-status.txt)
 */
public record ListEntry(OptionalLong pid, long status, Optional<Termination> lastExit, String label) {

    public ListEntry {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(lastExit, "lastExit");
        Objects.requireNonNull(label, "label");
    }

    /** The shared status record; the table does not show runs, so they count as 0. */
    public JobStatus toJobStatus() {
        return new JobStatus(label, true, pid.isPresent() ? RunState.RUNNING : RunState.NOT_RUNNING, pid,
                lastExit, 0, Optional.empty());
    }
}
