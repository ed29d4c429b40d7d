package dev.launchguard.launchctl;

import dev.launchguard.job.JobStatus;
import dev.launchguard.job.RunState;
import dev.launchguard.job.Termination;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One service as {@code launchctl print <domain>/<label>} describes it, read from the depth-1 lines
 * of its block; a field the output does not show (an older macOS, a truncated paste) is empty.
 *
 * @param label from the header line, empty when the paste has no header
 * @param domain the domain target from a {@code gui/501/<label>} header, else the {@code domain =} line
 * @param launchdState the {@code state =} text as printed ({@code running}, {@code not running}, ...)
 * @param state {@code launchdState} mapped to the shared {@link RunState}
 * @param lastExit from {@code last exit code} or {@code last terminating signal}; empty for
 *     {@code (never exited)}
 * @param properties the {@code properties = a | b} flags, such as {@code runatload} and {@code keepalive}
 * @param environment the {@code environment} block, which carries {@code XPC_SERVICE_NAME}
 * @param complete whether the block's closing brace was seen (false for a truncated paste)
 */
public record ServiceDescription(
        Optional<String> label,
        Optional<String> domain,
        Optional<String> type,
        Optional<String> path,
        Optional<String> launchdState,
        RunState state,
        OptionalLong pid,
        Optional<Termination> lastExit,
        OptionalLong runs,
        Optional<String> program,
        List<String> arguments,
        Optional<String> workingDirectory,
        Optional<String> stdoutPath,
        Optional<String> stderrPath,
        Optional<Duration> exitTimeout,
        Optional<Duration> minimumRuntime,
        Optional<Duration> runInterval,
        List<String> properties,
        Map<String, String> environment,
        boolean complete) {

    public ServiceDescription {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(state, "state");
        arguments = List.copyOf(arguments);
        properties = List.copyOf(properties);
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    }

    /** Whether launchd starts the job when it is loaded ({@code runatload} in {@code properties}). */
    public boolean runAtLoad() {
        return properties.contains("runatload");
    }

    /**
     * The shared status record. {@code label} stands in when the paste has no header; runs the output
     * does not show count as 0.
     */
    public JobStatus toJobStatus(String fallbackLabel) {
        return new JobStatus(label.orElse(fallbackLabel), true, state, pid, lastExit, runs.orElse(0),
                Optional.empty());
    }
}
