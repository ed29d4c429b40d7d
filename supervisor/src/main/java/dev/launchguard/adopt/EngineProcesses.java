package dev.launchguard.adopt;

import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.process.JobProcess;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Off macOS, the plists run in the embedded engine of a running launchguard, which tags every process
 * of a run with {@code LAUNCHGUARD_JOB=<label>} and {@code LAUNCHGUARD_OWNER=<its state folder>}. A
 * job runs when a process carries its tag (the run's root is the tagged process whose parent is not
 * tagged too); failing that, when a process runs its exact command line (a manual run nothing
 * supervises). Nothing here tells "not loaded" from "loaded, not running": no engine is asked.
 */
public final class EngineProcesses implements JobPresence {

    private final List<JobProcess> processes;

    /** {@code processes}: one scan of the process table ({@code ProcessTable.scan()}). */
    public EngineProcesses(List<JobProcess> processes) {
        this.processes = List.copyOf(processes);
    }

    @Override
    public Seen of(LaunchdJob job) {
        List<JobProcess> tagged = processes.stream().filter(p -> p.belongsTo(job.label())).toList();
        Set<Long> taggedPids = tagged.stream().map(JobProcess::pid).collect(Collectors.toSet());
        Optional<JobProcess> root = tagged.stream().filter(p -> !taggedPids.contains(p.parentPid()))
                .min(Comparator.comparing(JobProcess::started));
        if (root.isPresent()) {
            JobProcess p = root.get();
            return new Seen.Running(p.pid(), Optional.of(p.started()), "carries LAUNCHGUARD_JOB=" + job.label()
                    + p.owner().map(o -> " (started by the engine of " + o + ")").orElse(""));
        }
        List<String> command = command(job);
        Optional<JobProcess> copy = command.isEmpty() ? Optional.empty()
                : processes.stream().filter(p -> p.arguments().equals(command)).min(Comparator.comparing(JobProcess::started));
        if (copy.isPresent()) {
            return new Seen.Running(copy.get().pid(), Optional.of(copy.get().started()),
                    "runs its command line without the job's tag: started by hand, nothing supervises it");
        }
        return new Seen.NotRunning("no process carries LAUNCHGUARD_JOB=" + job.label() + " or runs its command line"
                + " (off macOS the plists run in the embedded engine of a running launchguard)");
    }

    /** What the job executes: ProgramArguments, or Program alone. */
    static List<String> command(LaunchdJob job) {
        if (!job.programArguments().isEmpty()) {
            return job.programArguments();
        }
        return job.program().map(List::of).orElse(List.of());
    }
}
