package dev.launchguard.engine;

import dev.launchguard.process.JobProcess;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a restarted engine recognises the run it left behind: the recorded PID with the recorded
 * start time (a recycled PID has another), or, when the engine died between spawning and writing
 * the PID down, the root of the processes carrying the recorded instance tag.
 */
final class Adoption {

    private Adoption() {
    }

    /**
     * The main process of {@code record}'s run among {@code tagged}, if it still runs; only a process
     * of that run and of no other engine than {@code owner} is a candidate.
     */
    static Optional<JobProcess> mainProcess(InstanceRecord record, String owner, List<JobProcess> tagged) {
        List<JobProcess> run = tagged.stream().filter(p -> p.ofRun(owner, record.instance())).toList();
        if (record.spawned()) {
            return run.stream()
                    .filter(p -> p.pid() == record.pid() && p.started().equals(record.started().get()))
                    .findFirst();
        }
        Set<Long> pids = run.stream().map(JobProcess::pid).collect(Collectors.toSet());
        return run.stream()
                .filter(p -> !pids.contains(p.parentPid()))
                .min(Comparator.comparing(JobProcess::started));
    }
}
