package dev.launchguard.process;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the process table as the engine reads it: who the process is and which job's tag it
 * carries in its environment, if any.
 *
 * @param started the process start time; with the PID it names one process even after PID reuse
 * @param label the {@code LAUNCHGUARD_JOB} tag, empty for a process no job started
 * @param instance the {@code LAUNCHGUARD_INSTANCE} tag: which run of the job it descends from
 * @param stopped whether it is stopped (state {@code T}), e.g. after SIGSTOP
 */
public record JobProcess(
        long pid,
        long parentPid,
        Instant started,
        Optional<String> label,
        Optional<String> instance,
        List<String> arguments,
        boolean stopped) {

    public JobProcess {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(instance, "instance");
        arguments = List.copyOf(arguments);
    }

    /** True when the process carries {@code label}'s tag. */
    public boolean belongsTo(String jobLabel) {
        return label.filter(jobLabel::equals).isPresent();
    }

    /** True when the process descends from the run {@code instanceId}. */
    public boolean fromInstance(String instanceId) {
        return instance.filter(instanceId::equals).isPresent();
    }
}
