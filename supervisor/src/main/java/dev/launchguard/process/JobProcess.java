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
 * @param owner the {@code LAUNCHGUARD_OWNER} tag: the state folder of the engine that started its run
 * @param stopped whether it is stopped (state {@code T}), e.g. after SIGSTOP
 */
public record JobProcess(
        long pid,
        long parentPid,
        Instant started,
        Optional<String> label,
        Optional<String> instance,
        Optional<String> owner,
        List<String> arguments,
        boolean stopped) {

    public JobProcess {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(owner, "owner");
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

    /** True when the engine that owns the state folder {@code ownerId} started the process's run. */
    public boolean ownedBy(String ownerId) {
        return owner.filter(ownerId::equals).isPresent();
    }

    /** True when the process carries an owner tag, and it is not {@code ownerId}: another launchguard started it. */
    public boolean ownedElsewhere(String ownerId) {
        return owner.filter(o -> !o.equals(ownerId)).isPresent();
    }

    /**
     * True when the process descends from the run {@code instanceId} of the engine {@code ownerId}: it
     * carries that instance tag and no other engine's owner tag. An instance tag is drawn at random and
     * written down in the owner's state folder, so a run recorded there is the owner's even when its
     * processes predate the owner tag.
     */
    public boolean ofRun(String ownerId, String instanceId) {
        return fromInstance(instanceId) && owner.map(ownerId::equals).orElse(true);
    }
}
