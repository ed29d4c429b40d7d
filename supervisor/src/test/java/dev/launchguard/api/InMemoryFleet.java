package dev.launchguard.api;

import dev.launchguard.fleet.FleetView;
import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.LoadedPlist;
import dev.launchguard.fleet.LogChunk;
import dev.launchguard.fleet.LogRequest;
import dev.launchguard.fleet.LogUnavailable;
import dev.launchguard.fleet.ProcessUsage;
import dev.launchguard.fleet.RestartCounts;
import dev.launchguard.fleet.ProbeView;
import dev.launchguard.fleet.RespawnRecord;
import dev.launchguard.fleet.RestartRecord;
import dev.launchguard.recovery.RestartReason;
import dev.launchguard.health.HealthState;
import dev.launchguard.job.Teardown;
import dev.launchguard.probe.Outcome;
import dev.launchguard.probe.ProbeRole;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Our own {@link FleetView} held in memory, with real records, for API and CLI tests. */
public class InMemoryFleet implements FleetView {

    public static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private final Map<String, JobView> jobs = new LinkedHashMap<>();
    private final List<String> kickstarted = new ArrayList<>();
    private final List<String> disabled = new ArrayList<>();
    private final List<String> enabled = new ArrayList<>();
    private final List<String> reset = new ArrayList<>();
    private final Map<String, LoadedPlist> plists = new LinkedHashMap<>();
    private final Map<String, ProcessUsage> usages = new LinkedHashMap<>();
    private final Map<String, LogChunk> logs = new LinkedHashMap<>();
    private volatile boolean healthy = true;
    private volatile Duration disableTakes = Duration.ZERO;
    /** By default a kickstart leaves the job RECOVERING, as a real one does until its new instance answers. */
    private Function<String, CompletableFuture<JobView>> kickstart = label -> {
        jobs.put(label, withState(jobs.get(label), HealthState.RECOVERING));
        return CompletableFuture.completedFuture(jobs.get(label));
    };

    public InMemoryFleet add(JobView job) {
        jobs.put(job.label(), job);
        return this;
    }

    public InMemoryFleet healthy(boolean value) {
        healthy = value;
        return this;
    }

    /** What a kickstart returns from now on. */
    public InMemoryFleet onKickstart(Function<String, CompletableFuture<JobView>> answer) {
        kickstart = answer;
        return this;
    }

    public List<String> kickstarted() {
        return List.copyOf(kickstarted);
    }

    public List<String> disabled() {
        return List.copyOf(disabled);
    }

    public List<String> reset() {
        return List.copyOf(reset);
    }

    public List<String> enabled() {
        return List.copyOf(enabled);
    }

    public InMemoryFleet plist(String label, LoadedPlist plist) {
        plists.put(label, plist);
        return this;
    }

    /** A job with no probes, restarts or respawns yet. */
    public static JobView job(String label, HealthState state, OptionalLong pid) {
        return new JobView(label, state, T0, pid, Map.of(), List.of(), List.of(),
                pid.isPresent() ? Optional.of(T0) : Optional.empty(), RestartCounts.NONE);
    }

    /** A job that was wedged once and recovered: one liveness probe, one restart, one respawn. */
    public static JobView recovered(String label, long pid) {
        ProbeView liveness = new ProbeView("http://127.0.0.1:8080/healthz", Outcome.UP, T0.plusSeconds(30),
                Duration.ofNanos(1_234_567), OptionalInt.of(200), "", 0);
        ProbeView readiness = new ProbeView("http://127.0.0.1:8080/ready", Outcome.TIMEOUT, T0.plusSeconds(31),
                Duration.ofMillis(500), OptionalInt.empty(), "no answer within 500 ms", 2);
        RestartRecord restart = new RestartRecord(T0.plusSeconds(10), RestartReason.WEDGE, "state T (stopped)", OptionalLong.of(41),
                java.util.Optional.of("20261207T170512.345Z-41"));
        RespawnRecord respawn = new RespawnRecord(RestartReason.WEDGE, T0.plusSeconds(9), OptionalLong.of(41), OptionalLong.of(pid),
                Duration.ofMillis(1_750), Duration.ofMillis(600), Duration.ofMillis(20), Duration.ZERO,
                Duration.ofMillis(1_000), Duration.ofMillis(130));
        return new JobView(label, HealthState.READY, T0.plusSeconds(11), OptionalLong.of(pid),
                Map.of(ProbeRole.LIVENESS, liveness, ProbeRole.READINESS, readiness), List.of(restart), List.of(respawn),
                Optional.of(T0.plusSeconds(10)), new RestartCounts(1, 1));
    }

    public static JobView withState(JobView job, HealthState state) {
        return new JobView(job.label(), state, job.since(), job.pid(), job.lastProbes(), job.restarts(), job.respawns(),
                job.startedAt(), job.restartCounts());
    }

    @Override
    public List<JobView> jobs() {
        return List.copyOf(jobs.values());
    }

    @Override
    public Optional<JobView> job(String label) {
        return Optional.ofNullable(jobs.get(label));
    }

    @Override
    public CompletableFuture<JobView> kickstart(String label) {
        kickstarted.add(label);
        return kickstart.apply(label);
    }

    /** Disabling stops the job (STOPPED, no PID) and reports the PID it had as stopped, on port 8080. */
    @Override
    public CompletableFuture<Teardown> disable(String label) {
        disabled.add(label);
        JobView job = jobs.get(label);
        List<Long> stopped = job.pid().isPresent() ? List.of(job.pid().getAsLong()) : List.of();
        jobs.put(label, new JobView(label, HealthState.STOPPED, T0.plusSeconds(60), OptionalLong.empty(),
                job.lastProbes(), job.restarts(), job.respawns(), Optional.empty(), job.restartCounts()));
        Teardown teardown = new Teardown(label, stopped, false, List.of(), List.of(8080), Duration.ofNanos(42_500_000));
        return disableTakes.isZero() ? CompletableFuture.completedFuture(teardown)
                : CompletableFuture.supplyAsync(() -> teardown,
                        CompletableFuture.delayedExecutor(disableTakes.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    /** A disable answers after {@code takes}, as one that waits out a job's ExitTimeOut does. */
    public InMemoryFleet disableTakes(Duration takes) {
        disableTakes = takes;
        return this;
    }

    @Override
    public CompletableFuture<JobView> enable(String label) {
        enabled.add(label);
        jobs.put(label, withState(jobs.get(label), HealthState.STARTING));
        return CompletableFuture.completedFuture(jobs.get(label));
    }

    @Override
    public CompletableFuture<JobView> reset(String label) {
        reset.add(label);
        jobs.put(label, withState(jobs.get(label), HealthState.RECOVERING));
        return CompletableFuture.completedFuture(jobs.get(label));
    }

    @Override
    public Optional<LoadedPlist> plist(String label) {
        return Optional.ofNullable(plists.get(label));
    }

    /** What {@link #process} answers for {@code label} from now on. */
    public InMemoryFleet usage(String label, ProcessUsage usage) {
        usages.put(label, usage);
        return this;
    }

    /** What {@link #log} answers for {@code label} from now on: the whole of {@code text}, from {@code path}. */
    public InMemoryFleet logText(String label, String path, String text) {
        logs.put(label, new LogChunk(Path.of(path), 0, text.length(), text.length(), text, "(dev=1,ino=2)"));
        return this;
    }

    /** The labels {@link #process} was asked for, in order. */
    public final List<String> processReads = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Optional<ProcessUsage>> process(String label) {
        processReads.add(label);
        return CompletableFuture.completedFuture(Optional.ofNullable(usages.get(label)));
    }

    /** The text set by {@link #logText}, whatever the request; else the job's plist names no such file. */
    @Override
    public CompletableFuture<LogChunk> log(String label, LogRequest request) {
        LogChunk chunk = logs.get(label);
        return chunk != null ? CompletableFuture.completedFuture(chunk)
                : CompletableFuture.failedFuture(new LogUnavailable("job '" + label + "' has no "
                        + request.stream().plistKey() + " in its plist"));
    }

    @Override
    public String scrape() {
        return "# HELP launchguard_job_up 1 when the job is ready to serve\n"
                + "# TYPE launchguard_job_up gauge\n"
                + jobs.keySet().stream().map(l -> "launchguard_job_up{label=\"" + l + "\"} 1.0\n").reduce("", String::concat);
    }

    @Override
    public boolean healthy() {
        return healthy;
    }
}
