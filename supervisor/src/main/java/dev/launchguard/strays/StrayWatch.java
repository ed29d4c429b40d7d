package dev.launchguard.strays;

import dev.launchguard.doctor.Diagnosis;
import dev.launchguard.doctor.PlistOnDisk;
import dev.launchguard.fleet.FleetView;
import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.LoadedPlist;
import dev.launchguard.metrics.Metrics;
import dev.launchguard.process.JobProcess;
import dev.launchguard.process.ProcessTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for every job's orphans and squatters once per cycle, as {@code launchguard doctor} does
 * (the same {@link Diagnosis}), from the supervisor's own view of its jobs; with reaping on, kills
 * the orphans whose environment ties them to the job.
 *
 * <p>What is reaped, and only that: a process carrying the job's {@code LAUNCHGUARD_JOB} tag, this
 * launchguard's {@code LAUNCHGUARD_OWNER} tag (its engine's state folder: a process of another
 * launchguard running a job of the same label is not ours, and not even reported) and a
 * {@code LAUNCHGUARD_INSTANCE} tag of another run than the job's current instance, seen so in
 * consecutive cycles for at least {@link #REAP_AFTER}, and still the same process (PID and start
 * time) at the kill. A squatter is never killed: nothing ties it to the job. An untagged process is
 * never killed. The evidence (pid, tags, command, why) is logged with each kill.
 *
 * <p>Threads: {@link #cycle} runs on the watchers' cycle thread, one at a time; the suspects map is
 * touched by that thread only.
 */
public final class StrayWatch {

    private static final Logger log = LoggerFactory.getLogger(StrayWatch.class);

    /**
     * A new instance shows in its job's view within one idle poll of the job's watcher (1 s); a
     * process still outside every instance this long after it was first seen is not a spawn in flight.
     */
    public static final Duration REAP_AFTER = Duration.ofSeconds(5);
    private static final Set<Diagnosis.Kind> ORPHANS = EnumSet.of(Diagnosis.Kind.DUPLICATE, Diagnosis.Kind.UNSUPERVISED,
            Diagnosis.Kind.COPY);
    /** The orphans whose tag ties them to the job; a {@code copy} runs the job's program but carries no tag. */
    private static final Set<Diagnosis.Kind> REAPABLE = EnumSet.of(Diagnosis.Kind.DUPLICATE, Diagnosis.Kind.UNSUPERVISED);

    private record Sighting(Instant started, Instant firstSeen) {
    }

    private final FleetView fleet;
    private final ProcessTable table;
    private final Metrics metrics;
    private final boolean reap;
    private final Optional<String> owner;
    private final Clock clock;
    private Map<Long, Sighting> suspects = new HashMap<>();

    /** {@code owner}: the engine's owner tag; empty under launchd, whose jobs carry none, and then nothing is reaped. */
    public StrayWatch(FleetView fleet, ProcessTable table, Metrics metrics, boolean reap, Optional<String> owner, Clock clock) {
        this.fleet = fleet;
        this.table = table;
        this.metrics = metrics;
        this.reap = reap;
        this.owner = owner;
        this.clock = clock;
    }

    /** One cycle: scans the process table, reports every job's orphans and squatters, reaps when on. */
    public StrayReport cycle() {
        Instant now = clock.instant();
        List<JobProcess> processes = table.scan();
        Map<Long, JobProcess> byPid = new HashMap<>();
        processes.forEach(p -> byPid.put(p.pid(), p));
        List<Diagnosis.Job> jobs = new ArrayList<>();
        for (JobView view : fleet.jobs()) {
            Optional<LoadedPlist> plist = fleet.plist(view.label());
            jobs.add(PlistOnDisk.withDisk(new Diagnosis.Job(view.label(), true, view.state().name(), view.pid(),
                    plist.map(LoadedPlist::ports).orElse(List.of()), plist.map(p -> p.path().toString()),
                    Optional.empty(), Optional.empty())));
        }
        Set<Integer> ports = new TreeSet<>();
        jobs.forEach(j -> ports.addAll(j.ports()));
        Diagnosis diagnosis = new Diagnosis(processes, table.listeners(ports), owner);
        List<Diagnosis.Problem> orphans = new ArrayList<>();
        List<Diagnosis.Problem> squatters = new ArrayList<>();
        List<StrayReport.Reaped> reaped = new ArrayList<>();
        Map<Long, Sighting> seen = new HashMap<>();
        for (Diagnosis.Job job : jobs) {
            List<Diagnosis.Problem> problems = diagnosis.examine(job);
            List<Diagnosis.Problem> mine = problems.stream().filter(p -> ORPHANS.contains(p.kind())).toList();
            orphans.addAll(mine);
            squatters.addAll(problems.stream().filter(p -> p.kind() == Diagnosis.Kind.SQUATTER).toList());
            boolean ghost = problems.stream().anyMatch(p -> p.kind() == Diagnosis.Kind.GHOST);
            for (Diagnosis.Problem orphan : mine) {
                JobProcess p = byPid.get(orphan.pid().orElse(-1));
                if (!REAPABLE.contains(orphan.kind()) || p == null || !p.belongsTo(job.label()) || p.instance().isEmpty()
                        || owner.filter(p::ownedBy).isEmpty()) {
                    continue;
                }
                Sighting before = suspects.get(p.pid());
                Sighting sighting = before != null && before.started().equals(p.started()) ? before
                        : new Sighting(p.started(), now);
                seen.put(p.pid(), sighting);
                // A job whose reported PID is gone (a ghost) is mid-change: its view may be behind its processes.
                if (reap && !ghost && !sighting.firstSeen().plus(REAP_AFTER).isAfter(now)) {
                    kill(job, orphan, p).ifPresent(r -> {
                        reaped.add(r);
                        seen.remove(p.pid());
                    });
                }
            }
            metrics.orphans(job.label(), mine.size());
            metrics.squatters(job.label(), (int) problems.stream().filter(x -> x.kind() == Diagnosis.Kind.SQUATTER).count());
        }
        suspects = seen;
        return new StrayReport(now, jobs.stream().map(Diagnosis.Job::label).toList(), orphans, squatters, reaped, reap);
    }

    private Optional<StrayReport.Reaped> kill(Diagnosis.Job job, Diagnosis.Problem orphan, JobProcess p) {
        if (p.pid() <= 1 || !table.alive(p.pid(), p.started())) {
            return Optional.empty();
        }
        String command = String.join(" ", p.arguments());
        String instance = p.instance().orElseThrow();
        boolean killed = ProcessHandle.of(p.pid()).map(ProcessHandle::destroyForcibly).orElse(false);
        if (!killed) {
            return Optional.empty();
        }
        metrics.orphanReaped(job.label());
        log.warn("Orphan reaped with SIGKILL: {} job={} pid={} instance={} command={}", orphan.message(), job.label(),
                p.pid(), instance, command);
        return Optional.of(new StrayReport.Reaped(job.label(), p.pid(), instance, command, orphan.message()));
    }
}
