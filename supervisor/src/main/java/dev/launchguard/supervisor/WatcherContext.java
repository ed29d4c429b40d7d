package dev.launchguard.supervisor;

import dev.launchguard.alert.SupervisorEvents;
import dev.launchguard.health.ProcessEvidence;
import dev.launchguard.health.WedgeJudge;
import dev.launchguard.job.JobManager;
import dev.launchguard.metrics.Metrics;
import dev.launchguard.probe.Probe;
import dev.launchguard.probe.ProbeSpec;
import dev.launchguard.recovery.StormGuard;
import dev.launchguard.snapshot.Snapshotter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The shared services every job watcher uses, built once by the composition root (the daemon) and
 * owned there: one job manager, one process table ({@code evidence}), one storm guard, one judge,
 * one timer and one worker pool for all watchers. {@code probes} turns a probe spec into a probe
 * (the prober's, in production), {@code timer} hands timed tasks over, {@code workers} run every
 * watcher's tasks (see {@link SerialScheduler}); {@code clock} labels events, {@code nanos} measures;
 * {@code events} hears of quarantines, failed and refused restarts and ready answers, for the
 * alert sinks ({@link SupervisorEvents#NONE} in tests that do not listen).
 * {@code snapshots} keeps the evidence of an instance before it is killed.
 */
public record WatcherContext(JobManager jobs, Function<ProbeSpec, Probe> probes, Metrics metrics, StormGuard storm,
        ProcessEvidence evidence, WedgeJudge judge, SpawnLog spawns, Path plists, Clock clock, LongSupplier nanos,
        java.util.concurrent.ScheduledExecutorService timer, java.util.concurrent.ExecutorService workers,
        SupervisorEvents events, Snapshotter snapshots) {

    public WatcherContext {
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(storm, "storm");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(judge, "judge");
        Objects.requireNonNull(spawns, "spawns");
        Objects.requireNonNull(plists, "plists");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(nanos, "nanos");
        Objects.requireNonNull(timer, "timer");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(snapshots, "snapshots");
    }

    /** A context whose incidents go to {@code events} and that keeps no snapshots (tests). */
    public WatcherContext(JobManager jobs, Function<ProbeSpec, Probe> probes, Metrics metrics, StormGuard storm,
            ProcessEvidence evidence, WedgeJudge judge, SpawnLog spawns, Path plists, Clock clock, LongSupplier nanos,
            java.util.concurrent.ScheduledExecutorService timer, java.util.concurrent.ExecutorService workers,
            SupervisorEvents events) {
        this(jobs, probes, metrics, storm, evidence, judge, spawns, plists, clock, nanos, timer, workers, events,
                Snapshotter.disabled());
    }

    /** A context that tells no one of its incidents and keeps no snapshots (tests). */
    public WatcherContext(JobManager jobs, Function<ProbeSpec, Probe> probes, Metrics metrics, StormGuard storm,
            ProcessEvidence evidence, WedgeJudge judge, SpawnLog spawns, Path plists, Clock clock, LongSupplier nanos,
            java.util.concurrent.ScheduledExecutorService timer, java.util.concurrent.ExecutorService workers) {
        this(jobs, probes, metrics, storm, evidence, judge, spawns, plists, clock, nanos, timer, workers,
                SupervisorEvents.NONE, Snapshotter.disabled());
    }
}
