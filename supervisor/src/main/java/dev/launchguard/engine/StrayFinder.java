package dev.launchguard.engine;

import dev.launchguard.process.ProcessTable;
import dev.launchguard.process.JobProcess;
import dev.launchguard.process.Signals;
import dev.launchguard.job.Signal;
import dev.launchguard.plist.LaunchdJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds and, when asked, kills a job's orphans and port squatters (see {@link Strays}). */
final class StrayFinder {

    private final ProcessTable table;
    private final String owner;

    /** {@code owner}: this engine's owner tag; processes carrying another engine's are never strays of ours. */
    StrayFinder(ProcessTable table, String owner) {
        this.table = table;
        this.owner = owner;
    }

    /** The strays of {@code job} whose current run is {@code current} (empty when none runs). */
    Strays find(LaunchdJob job, Optional<String> current, List<Integer> ports) {
        String label = job.label();
        List<String> command = Spawner.command(job);
        List<JobProcess> all = table.scan();
        List<Strays.Stray> orphans = new ArrayList<>();
        for (JobProcess p : all) {
            boolean ours = current.isPresent() && p.fromInstance(current.get());
            if (p.belongsTo(label) && !ours && !p.ownedElsewhere(owner)) {
                orphans.add(new Strays.Stray(p.pid(), p.arguments(),
                        "tagged by run " + p.instance().orElse("?") + ", not the current run"));
            } else if (p.label().isEmpty() && p.arguments().equals(command)) {
                orphans.add(new Strays.Stray(p.pid(), p.arguments(), "runs the job's command line untagged"));
            }
        }
        List<Strays.Stray> squatters = new ArrayList<>();
        for (ProcessTable.PortOwner owner : table.listeners(ports)) {
            Optional<JobProcess> p = owner.pid() > 0 ? all.stream().filter(x -> x.pid() == owner.pid()).findFirst()
                    : Optional.empty();
            boolean ours = p.isPresent() && p.get().belongsTo(label) && current.isPresent()
                    && p.get().fromInstance(current.get());
            if (!ours) {
                squatters.add(new Strays.Stray(owner.pid(), p.map(JobProcess::arguments).orElse(List.of()),
                        "listens on port " + owner.port()));
            }
        }
        return new Strays(label, orphans, squatters);
    }

    /**
     * SIGKILLs every stray that still is the process that was reported (same PID, same command line).
     * They get no SIGTERM grace: none of them is the job's instance, so its drain logic does not apply.
     * A squatter started by another launchguard (another engine's owner tag) is reported, never killed.
     */
    List<Long> reap(Strays strays) {
        List<Long> killed = new ArrayList<>();
        List<Strays.Stray> all = new ArrayList<>(strays.orphans());
        all.addAll(strays.squatters());
        for (Strays.Stray s : all) {
            boolean self = s.pid() == ProcessHandle.current().pid();
            Optional<JobProcess> now = s.pid() > 0 && !self ? table.find(s.pid()) : Optional.empty();
            if (now.isPresent() && now.get().arguments().equals(s.arguments()) && !now.get().ownedElsewhere(owner)
                    && !killed.contains(s.pid())
                    && Signals.send(s.pid(), Signal.KILL)) {
                killed.add(s.pid());
            }
        }
        return killed;
    }
}
