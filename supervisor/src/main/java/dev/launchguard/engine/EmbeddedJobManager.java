// Over 300 lines: every JobManager call of the engine, each a few lines over EngineJob, plus the instance's own life (load order, adoption, close).
package dev.launchguard.engine;

import dev.launchguard.process.ProcessTable;
import dev.launchguard.process.JobProcess;
import dev.launchguard.job.JobEvents;
import dev.launchguard.job.JobManager;
import dev.launchguard.job.JobManagerException;
import dev.launchguard.job.JobStatus;
import dev.launchguard.job.Signal;
import dev.launchguard.job.Teardown;
import dev.launchguard.logging.OneLine;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.PlistException;
import dev.launchguard.plist.PlistLinter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job manager used off macOS: runs launchd plists with launchd's semantics (launchd.plist(5)),
 * tracks every process of a job by an inherited environment tag, tears trees down verifiably and
 * adopts its running jobs after it was itself killed. See docs/engine.md.
 *
 * <p>Threads and ownership: this class owns two named pools. {@code engine-events} (two threads)
 * runs exit handlers, throttled spawns and timers; {@code engine-reaper} kills what an ended run left
 * behind, away from the respawn path. When the engine's JVM is PID 1 it also owns
 * {@code engine-orphan-reaper}, which reaps re-parented zombies ({@link OrphanReaper}). Each job's
 * state is owned by its {@link EngineJob} under that job's lock. API calls block their caller
 * (bootout waits for the tree to die).
 */
public final class EmbeddedJobManager implements JobManager {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedJobManager.class);

    /** Exit handlers are tiny; two threads let one job's slow spawn not delay another's exit. */
    private static final int EVENT_THREADS = 2;
    /** Teardowns close runs at once. */
    private static final int CLOSE_THREADS = 8;
    /** How long close waits for the reaper to finish killing what ended runs left. */
    private static final Duration REAPER_WAIT = Duration.ofSeconds(2);

    private final Map<String, EngineJob> jobs = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private final EngineContext ctx;
    private final JobPorts ports;
    private final PortRelease portRelease;
    private final StrayFinder strays;
    private final ScheduledThreadPoolExecutor events;
    private final ExecutorService reaper;
    private final Optional<OrphanReaper> orphans;

    /** An engine keeping its state in {@code stateFolder}, with ports only from the plists. */
    public EmbeddedJobManager(Path stateFolder) {
        this(stateFolder, Map.of(), JobEvents.NONE, Clock.systemUTC(), System::nanoTime);
    }

    /**
     * @param ports per label, ports the job serves besides those its plist lists under LaunchguardPorts
     */
    public EmbeddedJobManager(Path stateFolder, Map<String, List<Integer>> ports, JobEvents listener, Clock clock,
            LongSupplier nanos) {
        this(stateFolder, ports, listener, new ProcessTable(nanos), clock, nanos);
    }

    /**
     * @param ports per label, ports the job serves besides those its plist lists under LaunchguardPorts
     * @param table the process table, shared with the rest of the instance that builds this engine
     */
    public EmbeddedJobManager(Path stateFolder, Map<String, List<Integer>> ports, JobEvents listener, ProcessTable table,
            Clock clock, LongSupplier nanos) {
        this.events = new ScheduledThreadPoolExecutor(EVENT_THREADS, named("engine-events"));
        this.events.setRemoveOnCancelPolicy(true);
        this.reaper = Executors.newCachedThreadPool(named("engine-reaper"));
        OwnChildren children = new OwnChildren();
        StateStore store = new StateStore(stateFolder);
        this.ports = new JobPorts(ports);
        this.ctx = new EngineContext(clock, nanos, events, reaper, store, table, new TreeTeardown(table, nanos),
                RestartPolicy.of(jobs::containsKey), listener, children, this.ports, store.owner(),
                Spawner.of(store.owner()));
        this.strays = new StrayFinder(table, store.owner());
        this.portRelease = new PortRelease(table, nanos);
        this.orphans = OrphanReaper.startIfInit(children::awaited, nanos);
    }

    @Override
    public JobStatus bootstrap(Path plist) {
        LaunchdJob job;
        try {
            // Like launchctl, the engine refuses what lint calls an error, not just what fails to parse.
            job = PlistLinter.load(plist);
        } catch (PlistException e) {
            JobManagerException refused = new JobManagerException(OneLine.of(plist.toString()),
                    "is not loaded: " + e.keyPath().map(k -> OneLine.of(k) + ": ").orElse("")
                            + OneLine.of(e.problem()));
            refused.initCause(e);
            throw refused;
        } catch (RuntimeException e) {
            throw new JobManagerException(plist.toString(), "cannot be loaded", e);
        }
        synchronized (lifecycle) {
            String label = job.label();
            if (jobs.containsKey(label)) {
                throw new JobManagerException(label, "is already loaded");
            }
            // launchd: the overrides database wins over the plist's Disabled key.
            if (ctx.store().disabledOverride(label).orElse(job.disabled())) {
                throw new JobManagerException(label, "is disabled");
            }
            ports.of(job);
            EngineJob engineJob = new EngineJob(job, ctx);
            jobs.put(label, engineJob);
            engineJob.load(ctx.store().loadInstance(label));
            return engineJob.status();
        }
    }

    /** The owner tag this engine puts on every job it starts: its state folder's real path. */
    public String owner() {
        return ctx.owner();
    }

    @Override
    public Teardown bootout(String label) {
        Stopping stopping;
        synchronized (lifecycle) {
            stopping = stopStarts(loaded(label));
        }
        return tearDown(stopping);
    }

    /** A job whose should-run predicate is off, with its main process (if one ran) and the moment that happened. */
    private record Stopping(EngineJob job, Optional<JobProcess> main, long begin) {
    }

    /** Flips the job to STOPPING: from here on nothing starts a process of it. Caller holds {@link #lifecycle}. */
    private Stopping stopStarts(EngineJob job) {
        long begin = ctx.nanos().getAsLong();
        try {
            return new Stopping(job, job.beginStop(), begin);
        } catch (IllegalStateException e) {
            throw new JobManagerException(job.label(), "is already being booted out");
        }
    }

    /** Tears the stopping job's processes down (verified), then unloads it. */
    private Teardown tearDown(Stopping stopping) {
        EngineJob job = stopping.job();
        String label = job.label();
        Predicate<JobProcess> ours = ours(stopping.main());
        List<Integer> ports = portRelease.toAwait(job.job(), this.ports.of(job.job()), ours);
        TreeTeardown.Result result = ctx.teardown().stop(label, ours, stopping.main(), job.job().effectiveExitTimeOut());
        List<Integer> freed = portRelease.await(label, ports);
        job.finishStop();
        jobs.remove(label, job);
        Duration elapsed = Duration.ofNanos(ctx.nanos().getAsLong() - stopping.begin());
        Teardown teardown = new Teardown(label, result.stopped(), result.forced(), result.survivors(), freed, elapsed);
        if (teardown.clean()) {
            log.info("Booted out label={} stopped={} forced={} elapsed={}", label, result.stopped(), result.forced(),
                    elapsed);
        } else {
            log.error("Bootout left survivors label={} survivors={}", label, result.survivors());
        }
        return teardown;
    }

    /**
     * The processes of a job this engine may stop: those carrying its owner tag, and those of the
     * current run {@code main} (a run adopted from before owner tags). Another launchguard's jobs
     * carry the same {@code LAUNCHGUARD_JOB} label when both run the same plists (two demos), so the
     * label alone names processes this engine never started.
     */
    private Predicate<JobProcess> ours(Optional<JobProcess> main) {
        Optional<String> run = main.flatMap(JobProcess::instance);
        return p -> p.ownedBy(ctx.owner()) || run.filter(instance -> p.ofRun(ctx.owner(), instance)).isPresent();
    }

    @Override
    public JobStatus kickstart(String label, boolean kill) {
        EngineJob job = loaded(label);
        job.kickstart(kill);
        return job.status();
    }

    @Override
    public void signal(String label, Signal signal) {
        loaded(label).signal(signal);
    }

    @Override
    public void enable(String label) {
        ctx.store().setDisabled(label, false);
        log.info("Enabled label={}", label);
    }

    @Override
    public Teardown disable(String label) {
        ctx.store().setDisabled(label, true);
        log.info("Disabled label={}", label);
        if (!jobs.containsKey(label)) {
            return new Teardown(label, List.of(), false, List.of(), List.of(), Duration.ZERO);
        }
        return bootout(label);
    }

    @Override
    public boolean disabled(String label) {
        return ctx.store().disabledOverride(label).orElse(false);
    }

    @Override
    public JobStatus status(String label) {
        EngineJob job = jobs.get(label);
        return job == null ? JobStatus.unloaded(label) : job.status();
    }

    @Override
    public List<JobStatus> list() {
        return jobs.values().stream().map(EngineJob::status).sorted(Comparator.comparing(JobStatus::label)).toList();
    }

    /** The job's orphans and port squatters right now (a full process-table scan). */
    public Strays strays(String label) {
        EngineJob job = loaded(label);
        return strays.find(job.job(), job.currentInstance(), ports.of(job.job()));
    }

    /** Finds the job's strays and SIGKILLs them; returns what was found. */
    public Strays reapStrays(String label) {
        Strays found = strays(label);
        List<Long> killed = strays.reap(found);
        if (!killed.isEmpty()) {
            log.warn("Reaped strays label={} pids={}", label, killed);
        }
        return found;
    }

    /**
     * Boots out every job (verified), then stops the engine's threads. Every job is flipped to
     * STOPPING before the first teardown begins, so a job that exits while another is being torn
     * down (a terminal's SIGINT reached it, or it crashed) is not respawned during the shutdown.
     */
    @Override
    public void close() {
        List<Stopping> stopping = new ArrayList<>();
        synchronized (lifecycle) {
            for (EngineJob job : List.copyOf(jobs.values())) {
                try {
                    stopping.add(stopStarts(job));
                } catch (JobManagerException e) {
                    log.warn("Bootout at close failed label={} error={}", job.label(), e.getMessage());
                }
            }
        }
        // Several at once: each teardown mostly waits (for a process to exit, for a port), and one
        // after another 250 jobs took over a minute to stop, longer than launchd waits for launchguard.
        ExecutorService teardowns = Executors.newFixedThreadPool(Math.max(1, Math.min(CLOSE_THREADS, stopping.size())),
                named("engine-close"));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Stopping job : stopping) {
                done.add(teardowns.submit(() -> {
                    try {
                        tearDown(job);
                    } catch (RuntimeException e) {
                        log.warn("Bootout at close failed label={} error={}", job.job().label(), e.getMessage());
                    }
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("Bootout at close failed: {}", e.getCause().toString());
        } finally {
            teardowns.shutdown();
        }
        events.shutdownNow();
        reaper.shutdown();
        try {
            if (!reaper.awaitTermination(REAPER_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                reaper.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Last: the teardowns above leave zombies of their own when launchguard is PID 1.
        orphans.ifPresent(OrphanReaper::close);
    }

    private EngineJob loaded(String label) {
        EngineJob job = jobs.get(label);
        if (job == null) {
            throw new JobManagerException(label, "is not loaded");
        }
        return job;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
