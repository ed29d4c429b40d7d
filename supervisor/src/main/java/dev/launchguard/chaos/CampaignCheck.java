package dev.launchguard.chaos;

import dev.launchguard.client.ApiClient;
import dev.launchguard.client.FleetSnapshot;
import dev.launchguard.doctor.Diagnosis;
import dev.launchguard.process.JobProcess;
import dev.launchguard.process.ProcessTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The end of a campaign: wait (bounded) for every job to be READY, then read the job manager's view
 * and the process table as {@code doctor} does, and sort what only the process table shows into
 * orphans, duplicates and squatters.
 */
final class CampaignCheck {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Set<String> SETTLED_NOT_READY = Set.of("QUARANTINED", "STOPPED", "DISABLED");

    private final ApiClient api;
    private final Duration readyBound;

    CampaignCheck(ApiClient api, Duration readyBound) {
        this.api = api;
        this.readyBound = readyBound;
    }

    CampaignVerdict verdict(int events, int recovered, List<CampaignVerdict.UnprovokedRestart> unprovoked,
            Duration target, List<CampaignVerdict.SlowRespawn> overTarget) throws InterruptedException {
        Map<String, Diagnosis.Job> jobs = awaitReady();
        List<String> notReady = new ArrayList<>();
        jobs.values().stream().filter(j -> !"READY".equals(j.state())).forEach(j -> notReady.add(j.label() + " " + j.state()));
        if (jobs.isEmpty()) {
            notReady.add("launchguard answered for no job at " + api.base());
        }
        ProcessTable table = new ProcessTable();
        List<JobProcess> processes = table.scan();
        Map<Long, JobProcess> byPid = new HashMap<>();
        processes.forEach(p -> byPid.put(p.pid(), p));
        TreeSet<Integer> ports = new TreeSet<>();
        jobs.values().forEach(j -> ports.addAll(j.ports()));
        Diagnosis diagnosis = new Diagnosis(processes, table.listeners(ports));
        List<CampaignVerdict.Stray> orphans = new ArrayList<>();
        List<CampaignVerdict.Stray> squatters = new ArrayList<>();
        List<CampaignVerdict.Duplicate> duplicates = new ArrayList<>();
        for (Diagnosis.Job job : jobs.values()) {
            for (Diagnosis.Problem problem : diagnosis.examine(job)) {
                long pid = problem.pid().orElse(-1);
                String command = command(byPid.get(pid));
                switch (problem.kind()) {
                    case SQUATTER -> squatters.add(new CampaignVerdict.Stray(job.label(), pid, problem.port().orElse(0),
                            command));
                    case DUPLICATE, UNSUPERVISED -> {
                        JobProcess instance = job.pid().isPresent() ? byPid.get(job.pid().getAsLong()) : null;
                        JobProcess stray = byPid.get(pid);
                        if (instance != null && stray != null && stray.arguments().equals(instance.arguments())) {
                            duplicates.add(new CampaignVerdict.Duplicate(job.label(), List.of(instance.pid(), pid),
                                    command));
                        } else {
                            orphans.add(new CampaignVerdict.Stray(job.label(), pid, 0, command));
                        }
                    }
                    case COPY -> orphans.add(new CampaignVerdict.Stray(job.label(), pid, 0, command));
                    case GHOST -> notReady.add(problem.message());
                    case PLIST_DRIFT -> {
                        // Not the campaign's concern: nothing it does touches a plist.
                    }
                }
            }
        }
        return new CampaignVerdict(Instant.now(), events, recovered, notReady.isEmpty(), orphans, squatters, duplicates,
                unprovoked, notReady, target, overTarget);
    }

    /** The fleet once every job is READY, or as it is when the bound runs out; empty if launchguard never answered. */
    private Map<String, Diagnosis.Job> awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + readyBound.toNanos();
        Map<String, Diagnosis.Job> jobs = new LinkedHashMap<>();
        while (true) {
            jobs.clear();
            try {
                FleetSnapshot.fromApi(api, jobs);
                // A quarantined or stopped job stays so for minutes or for good: no point waiting for it.
                if (jobs.values().stream().allMatch(j -> "READY".equals(j.state()))
                        || jobs.values().stream().anyMatch(j -> SETTLED_NOT_READY.contains(j.state()))
                        || System.nanoTime() > deadline) {
                    return jobs;
                }
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    return Map.of();
                }
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static String command(JobProcess p) {
        return p == null || p.arguments().isEmpty() ? "(command line unreadable)" : String.join(" ", p.arguments());
    }
}
