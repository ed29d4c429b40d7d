package dev.launchguard.supervisor;

import dev.launchguard.config.JobConfig;
import dev.launchguard.config.LaunchguardConfig;
import dev.launchguard.fleet.FleetView;
import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.LoadedPlist;
import dev.launchguard.fleet.LogChunk;
import dev.launchguard.fleet.LogRequest;
import dev.launchguard.fleet.ProcessUsage;
import dev.launchguard.job.JobManagerException;
import dev.launchguard.job.Teardown;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor: one {@link JobWatcher} per configured job, over the services of one
 * {@link WatcherContext} (one job manager, prober, metrics registry, storm guard, process table).
 *
 * <p>Threads and ownership: the watchers run on the context's timer and worker pool, which the
 * composition root owns (each watcher runs serially on it, see {@link SerialScheduler}); the prober
 * owns its event loops. This class starts, reloads and closes watchers under its own lock, and
 * answers {@link FleetView} reads from the watchers' published snapshots.
 */
public final class Supervisor implements FleetView, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    private final WatcherContext ctx;
    private final ProcessUsageReader usage;
    private final Map<String, JobWatcher> watchers = new LinkedHashMap<>();
    private LaunchguardConfig config;

    /**
     * @param ctx the services every watcher shares, built and closed by the caller; its storm guard
     *     gets each job's policy from here, and its plist folder is {@code config}'s
     */
    public Supervisor(LaunchguardConfig config, WatcherContext ctx) {
        this.config = config;
        this.ctx = ctx;
        this.usage = new ProcessUsageReader(ctx.evidence(), ctx.workers());
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
        ctx.storm().register(job.label(), job.storm());
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
        java.util.Set<String> labels = new java.util.HashSet<>();
        next.jobs().forEach(j -> labels.add(j.label()));
        for (JobConfig old : config.jobs()) {
            if (!next.jobs().contains(old)) {
                watchers.remove(old.label()).close();
                usage.forget(old.label());
            }
            if (!labels.contains(old.label())) {
                // Removed, not changed: its series go with it (a changed job's keep counting).
                ctx.metrics().jobRemoved(old.label());
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
    public CompletableFuture<JobView> reset(String label) {
        return watcher(label).map(JobWatcher::reset).orElseGet(() -> notWatched(label));
    }

    @Override
    public CompletableFuture<java.util.List<dev.launchguard.fleet.SnapshotEntry>> snapshots(String label) {
        return CompletableFuture.supplyAsync(() -> job(label).isPresent() ? ctx.snapshots().list(label)
                : java.util.List.<dev.launchguard.fleet.SnapshotEntry>of(), ctx.workers());
    }

    @Override
    public CompletableFuture<Optional<String>> snapshot(String label, String id) {
        return CompletableFuture.supplyAsync(() -> job(label).isPresent() ? ctx.snapshots().read(label, id)
                : Optional.<String>empty(), ctx.workers());
    }

    @Override
    public Optional<LoadedPlist> plist(String label) {
        return watcher(label).map(JobWatcher::plist);
    }

    @Override
    public CompletableFuture<Optional<ProcessUsage>> process(String label) {
        OptionalLong pid = job(label).map(JobView::pid).orElse(OptionalLong.empty());
        if (pid.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return usage.read(label, pid.getAsLong());
    }

    @Override
    public CompletableFuture<LogChunk> log(String label, LogRequest request) {
        Optional<JobWatcher> watcher = watcher(label);
        if (watcher.isEmpty()) {
            return notWatched(label);
        }
        Path plist = watcher.get().plist().path();
        return CompletableFuture.supplyAsync(() -> LogFiles.read(label, plist, request), ctx.workers());
    }

    private synchronized Optional<JobWatcher> watcher(String label) {
        return Optional.ofNullable(watchers.get(label));
    }

    private static <T> CompletableFuture<T> notWatched(String label) {
        return CompletableFuture.failedFuture(new JobManagerException(label, "is not watched by launchguard"));
    }

    @Override
    public String scrape() {
        return ctx.metrics().scrape();
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
        log.info("Supervisor stopped");
    }
}
