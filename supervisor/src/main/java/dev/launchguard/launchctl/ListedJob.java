package dev.launchguard.launchctl;

import dev.launchguard.job.JobStatus;
import dev.launchguard.job.RunState;
import dev.launchguard.job.Termination;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One job as the legacy {@code launchctl list <label>} dictionary shows it.
 *
 * @param pid present only while an instance runs (no {@code PID} key otherwise)
 * @param lastExitStatus {@code LastExitStatus} as printed: a raw wait status, 19968 for exit 78
 * @param lastExit {@code lastExitStatus} decoded
 * @param onDemand {@code OnDemand}: false for a KeepAlive job
 * @param timeOut the legacy {@code TimeOut} key (list-label-system-running-timeout.txt)
 * @param machServices the names under {@code MachServices} (list-label-aqua-machservices-ANONYMISED.txt)
 */
public record ListedJob(
        String label,
        OptionalLong pid,
        OptionalLong lastExitStatus,
        Optional<Termination> lastExit,
        Optional<Boolean> onDemand,
        Optional<String> program,
        List<String> programArguments,
        Optional<String> standardOutPath,
        Optional<String> standardErrorPath,
        Optional<String> limitLoadToSessionType,
        Optional<Duration> timeOut,
        List<String> machServices) {

    public ListedJob {
        Objects.requireNonNull(label, "label");
        programArguments = List.copyOf(programArguments);
        machServices = List.copyOf(machServices);
    }

    /** The shared status record; this output does not show runs, so they count as 0. */
    public JobStatus toJobStatus() {
        return new JobStatus(label, true, pid.isPresent() ? RunState.RUNNING : RunState.NOT_RUNNING, pid,
                lastExit, 0, Optional.empty());
    }
}
