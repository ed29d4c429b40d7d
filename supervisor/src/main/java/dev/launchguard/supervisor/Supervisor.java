package dev.launchguard.supervisor;

import dev.launchguard.config.JobConfig;
import dev.launchguard.config.LaunchguardConfig;
import dev.launchguard.health.WedgeJudge;
import dev.launchguard.job.JobManager;
import dev.launchguard.job.JobManagerException;
import dev.launchguard.job.Teardown;
import dev.launchguard.metrics.Metrics;
import dev.launchguard.probe.Prober;
import dev.launchguard.process.ProcessTable;
import dev.launchguard.recovery.StormGuard;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor: one {@link JobWatcher} per configured job over one job manager, one prober, one
 * metrics registry and one storm guard.
 *
 * <p>Threads and ownership: this class owns one timer thread and a worker pool shared by every
 * watcher (each watcher runs serially on it, see {@link SerialScheduler}); the prober owns its
 * event loops. It starts, reloads and closes watchers under its own lock, and answers
 * {@link FleetView} reads from the watchers' published snapshots.
 */
public final class Supervisor implements FleetView, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    private final JobManager jobs;
    private final Metrics metrics;
    private final Prober prober;
    private final StormGuard storm;
    private final Clock clock;
    private final SpawnLog spawns;
    private final ProcessTable processes = new ProcessTable(System::nanoTime);
    private final Map<String, JobWatcher> watchers = new LinkedHashMap<>();
    /**
     * An idle worker thread goes after this long: a burst (every job started at once) grows the pool,
     * and a quiet fleet shrinks it back to the few threads its probe rounds need.
     */
    private static final java.time.Duration WORKER_IDLE = java.time.Duration.ofSeconds(5);
    /** Hands timed watcher tasks over; never runs their work. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("watch-timer"));
    /**
     * Runs every watcher's tasks. Grows for blocking job-manager calls, so one job's slow kill never
     * holds up another; idle threads go after {@link #WORKER_IDLE}, so quiet fleets hold few threads.
     */
    private final ExecutorService workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, WORKER_IDLE.toSeconds(), TimeUnit.SECONDS,
            new SynchronousQueue<>(), NamedThreads.daemon("watch"));
    private LaunchguardConfig config;

    /**
     * @param spawns spawn and exit times from the job manager's events; an empty log (launchd) makes
     *     the watchers fall back to when they first see a process
     */
    public Supervisor(LaunchguardConfig config, JobManager jobs, SpawnLog spawns, Metrics metrics, Prober prober,
            Clock clock) {
        this.config = config;
        this.spawns = spawns;
        this.jobs = jobs;
        this.metrics = metrics;
        this.prober = prober;
        this.clock = clock;
        this.storm = new StormGuard(config.hostBudget(), clock, metrics.registry());
    }

    /** Starts a watcher for every configured job. */
    public void start() {
        start(label -> { });
    }

    /**
     * Starts a watcher for every configured job, in configuration order, handing each job's label to
     * {@code started} as soon as its watcher runs (on this thread, before the next watcher starts).
     */
    public synchronized void start(Consumer<String> started) {
        for (JobConfig job : config.jobs()) {
            startWatcher(job);
            started.accept(job.label());
        }
        log.info("Supervisor started jobs={} plists={}", config.jobs().size(), config.plists());
    }

    private void startWatcher(JobConfig job) {
        storm.register(job.label(), job.storm());
        WatcherContext ctx = new WatcherContext(jobs, prober::probeFor, metrics, storm, processes,
                new WedgeJudge(), spawns, config.plists(), clock, System::nanoTime, timer, workers);
        JobWatcher watcher = new JobWatcher(job, ctx);
        watchers.put(job.label(), watcher);
        watcher.start();
    }

    /** The job manager loaded {@code label}; its watcher looks at once instead of at its next poll. */
    public synchronized void loaded(String label) {
        JobWatcher watcher = watchers.get(label);
        if (watcher != null) {
            watcher.nudge();
        }
    }

    /**
     * Applies a reloaded configuration, loaded beforehand on the caller's thread, never under this
     * lock: the API's reads ({@link #jobs()}, {@link #healthy()}) wait for nothing but this swap.
     * Watchers whose job changed are closed and started again; the others keep running untouched.
     */
    public synchronized void reload(LaunchguardConfig next) {
        for (JobConfig old : config.jobs()) {
            if (!next.jobs().contains(old)) {
                watchers.remove(old.label()).close();
            }
        }
        for (JobConfig job : next.jobs()) {
            if (!watchers.containsKey(job.label())) {
                startWatcher(job);
            }
        }
        if (!next.listenHost().equals(config.listenHost()) || next.listenPort() != config.listenPort()
                || !next.plists().equals(config.plists()) || next.engine() != config.engine()
                || !next.stateDir().equals(config.stateDir())) {
            log.warn("listen, plists, engine and stateDir changes take effect at the next start, not on reload");
        }
        config = next;
        log.info("Configuration reloaded jobs={}", next.jobs().size());
    }

    /** The configuration in force (the last one that loaded). */
    public synchronized LaunchguardConfig config() {
        return config;
    }

    @Override
    public synchronized List<JobView> jobs() {
        List<JobView> out = new ArrayList<>();
        watchers.values().forEach(w -> out.add(w.view()));
        return out;
    }

    @Override
    public synchronized Optional<JobView> job(String label) {
        return Optional.ofNullable(watchers.get(label)).map(JobWatcher::view);
    }

    @Override
    public CompletableFuture<JobView> kickstart(String label) {
        JobWatcher watcher;
        synchronized (this) {
            watcher = watchers.get(label);
        }
        if (watcher == null) {
            return CompletableFuture.failedFuture(new JobManagerException(label, "is not watched by launchguard"));
        }
        return watcher.kickstart();
    }

    @Override
    public CompletableFuture<Teardown> disable(String label) {
        return watcher(label).map(JobWatcher::disable).orElseGet(() -> notWatched(label));
    }

    @Override
    public CompletableFuture<JobView> enable(String label) {
        return watcher(label).map(JobWatcher::enable).orElseGet(() -> notWatched(label));
    }

    @Override
    public Optional<LoadedPlist> plist(String label) {
        return watcher(label).map(JobWatcher::plist);
    }

    private synchronized Optional<JobWatcher> watcher(String label) {
        return Optional.ofNullable(watchers.get(label));
    }

    private static <T> CompletableFuture<T> notWatched(String label) {
        return CompletableFuture.failedFuture(new JobManagerException(label, "is not watched by launchguard"));
    }

    @Override
    public String scrape() {
        return metrics.scrape();
    }

    /** Every watcher's loop is running; a stuck one (a job-manager call that never returns) makes this false. */
    @Override
    public synchronized boolean healthy() {
        return watchers.values().stream().allMatch(JobWatcher::ticking);
    }

    @Override
    public synchronized void close() {
        watchers.values().forEach(JobWatcher::close);
        watchers.clear();
        timer.shutdownNow();
        workers.shutdown();
        log.info("Supervisor stopped");
    }
}
