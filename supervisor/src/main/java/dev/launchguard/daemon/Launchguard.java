package dev.launchguard.daemon;

import dev.launchguard.alert.Incidents;
import dev.launchguard.api.ApiServer;
import dev.launchguard.api.ApiSettings;
import dev.launchguard.config.ConfigException;
import dev.launchguard.config.ConfigLoader;
import dev.launchguard.config.EngineKind;
import dev.launchguard.config.JobConfig;
import dev.launchguard.config.LaunchguardConfig;
import dev.launchguard.drift.WatchedJobs;
import dev.launchguard.engine.EmbeddedJobManager;
import dev.launchguard.fleet.JobView;
import dev.launchguard.health.HealthState;
import dev.launchguard.health.WedgeJudge;
import dev.launchguard.job.JobManager;
import dev.launchguard.job.JobManagerException;
import dev.launchguard.launchctl.LaunchctlJobManager;
import dev.launchguard.launchctl.ReportingJobManager;
import dev.launchguard.metrics.Metrics;
import dev.launchguard.plist.PlistException;
import dev.launchguard.plist.Plists;
import dev.launchguard.probe.Prober;
import dev.launchguard.process.ProcessTable;
import dev.launchguard.recovery.StormGuard;
import dev.launchguard.snapshot.DumpTools;
import dev.launchguard.snapshot.Snapshotter;
import dev.launchguard.supervisor.SpawnLog;
import dev.launchguard.supervisor.Supervisor;
import dev.launchguard.supervisor.WatcherContext;
import dev.launchguard.time.MonotonicClock;
import dev.launchguard.watch.Watchers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of a running launchguard: job manager, prober, metrics, supervisor and HTTP
 * API, built once from a configuration and closed in reverse order.
 *
 * <p>Threads and ownership: this class owns every long-lived object it builds or receives in its
 * {@link Groundwork} (metrics and prober, perhaps built on a thread of their own while the
 * configuration was read). The API's event loop, the prober's event loops, the engine's event
 * threads and the watchers' timer and shared workers all run inside them; nothing here runs on a
 * thread of its own; the drift, uptime and stray watchers ({@link Watchers}) own their named
 * threads, the supervisor's {@link Incidents} its alert threads. {@link #close()} stops the API
 * first (no new kickstarts), then the drift, uptime and stray watchers, then the job watchers, then
 * the job manager (the embedded engine boots every job out, verified), then the prober, and last
 * removes the {@link RunMarker}: a start that finds it reports the unclean stop as an alert.
 */
public final class Launchguard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Launchguard.class);
    /** How often a start after an unclean stop is looked at until it has settled: an alert resolved within a second. */
    private static final java.time.Duration SETTLE_POLL = java.time.Duration.ofSeconds(1);

    private final Metrics metrics;
    private final Prober prober;
    private final JobManager jobs;
    private final WatchPools pools = new WatchPools();
    private final Supervisor supervisor;
    private final Watchers watchers;
    private final ApiServer api;
    private final Incidents incidents;
    private final RunMarker marker;
    /** The check that resolves the unclean-stop alert once this start has settled; empty when none is out. */
    private final AtomicReference<ScheduledFuture<?>> settling = new AtomicReference<>();

    private Launchguard(LaunchguardConfig config, Clock clock, Groundwork groundwork) {
        this.metrics = groundwork.metrics();
        this.prober = groundwork.prober();
        // Read before anything starts: what the previous instance left says whether it stopped cleanly.
        Optional<RunMarker.Left> left = RunMarker.left(config.stateDir());
        this.incidents = new Incidents(config.watchers().alerts(), clock);
        EngineKind engine = config.engine().resolve(System.getProperty("os.name"));
        // Listed before anything starts: a folder beyond the limit is refused whole, nothing half-loaded.
        Map<String, Path> plists = engine == EngineKind.EMBEDDED ? listPlists(config) : Map.of();
        LongSupplier nanos = System::nanoTime;
        // One of each for the whole instance: the process table every part reads, the spawn and exit
        // events of whichever job manager runs, one storm guard and one judge for all watchers.
        ProcessTable table = new ProcessTable(nanos);
        SpawnLog spawns = new SpawnLog(clock, nanos);
        Optional<EmbeddedJobManager> embedded = engine == EngineKind.LAUNCHD ? Optional.empty()
                : Optional.of(new EmbeddedJobManager(config.stateDir().resolve("engine"), ports(config), spawns, table,
                        clock, nanos));
        this.jobs = embedded.<JobManager>map(e -> e)
                .orElseGet(() -> new ReportingJobManager(LaunchctlJobManager.forCurrentUser(), spawns));
        // The storm guard's windows and backoffs are durations: on a clock no wall-clock step moves.
        StormGuard storm = new StormGuard(config.hostBudget(), MonotonicClock.of(clock, nanos), metrics.registry());
        metrics.hostBudget(storm::hostBudgetRemaining, storm.hostBudgetSize());
        this.supervisor = new Supervisor(config, new WatcherContext(jobs, prober::probeFor, metrics, storm, table,
                new WedgeJudge(), spawns, config.plists(), clock, nanos, pools.timer, pools.workers, incidents,
                new Snapshotter(config.snapshot(), config.stateDir(), config.plists(), DumpTools.system(), clock, nanos)));
        if (engine == EngineKind.EMBEDDED) {
            // Each job's own plist (<label>.plist) loads as soon as its watcher runs, and the
            // watcher is nudged then: the first probe waits for one watcher and one spawn, not
            // for all fifty of either (docs/benchmarks.md, footprint). The folder's other plists
            // load after the last watcher.
            supervisor.start(label -> Optional.ofNullable(plists.remove(label + ".plist")).ifPresent(this::load));
            plists.values().forEach(this::load);
        } else {
            supervisor.start();
        }
        this.watchers = Watchers.start(config.watchers(), WatchedJobs.of(config), supervisor, metrics,
                embedded.map(EmbeddedJobManager::owner), table, clock);
        this.api = listen(config, clock);
        log.info("launchguard started engine={} transport={} url={}", engine.name().toLowerCase(java.util.Locale.ROOT),
                prober.transportName(), api.url());
        long pid = ProcessHandle.current().pid();
        this.marker = RunMarker.write(config.stateDir(), pid, clock.instant());
        left.ifPresent(l -> uncleanStop(l, pid));
    }

    /**
     * Starts the API last, once the jobs run; when it cannot listen, everything started so far is
     * stopped again (the jobs too: a failed start leaves nothing running) and the start fails with
     * {@link ApiUnavailableException} saying what holds the address, in an operator's words.
     */
    private ApiServer listen(LaunchguardConfig config, Clock clock) {
        try {
            return ApiServer.start(ApiSettings.of(config), supervisor, watchers, clock);
        } catch (java.io.UncheckedIOException e) {
            watchers.close();
            supervisor.close();
            pools.close();
            incidents.close();
            jobs.close();
            throw new ApiUnavailableException(e.getMessage() + "; another launchguard or another program holds "
                    + "the address ('launchguard status' asks a launchguard there; set listen in launchguard.yaml, or "
                    + "'demo --port', for another). The jobs this start had started were stopped again.", e);
        }
    }

    /**
     * The previous instance did not stop cleanly: one alert now, resolved once this start has
     * settled (no job STARTING or RECOVERING any more: each has had its first verdict), looked at
     * every {@link #SETTLE_POLL}.
     */
    private void uncleanStop(RunMarker.Left left, long pid) {
        String detail = left.describe() + "; started again as pid " + pid + ", jobs adopted or started again";
        log.warn("launchguard started after an unclean stop: {}", detail);
        incidents.uncleanStop(detail);
        settling.set(pools.timer.scheduleWithFixedDelay(() -> pools.workers.execute(this::settleCheck),
                SETTLE_POLL.toMillis(), SETTLE_POLL.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void settleCheck() {
        List<JobView> views = supervisor.jobs();
        if (views.stream().anyMatch(v -> v.state() == HealthState.STARTING || v.state() == HealthState.RECOVERING)) {
            return;
        }
        ScheduledFuture<?> poll = settling.getAndSet(null);
        if (poll == null) {
            return;
        }
        poll.cancel(false);
        long ready = views.stream().filter(v -> v.state() == HealthState.READY).count();
        incidents.settled("launchguard pid " + ProcessHandle.current().pid() + " supervises again: " + ready + " of "
                + views.size() + " jobs READY"
                + (ready == views.size() ? "" : ", the others have their own alerts and states"));
    }

    /** Builds and starts everything; the caller closes it. */
    public static Launchguard start(LaunchguardConfig config, Clock clock) {
        return start(config, clock, Groundwork.build());
    }

    /** Builds and starts everything on {@code groundwork}, which it then owns; the caller closes it. */
    public static Launchguard start(LaunchguardConfig config, Clock clock, Groundwork groundwork) {
        return new Launchguard(config, clock, groundwork);
    }

    /** The status page's URL. */
    public URI url() {
        return api.url();
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    public JobManager jobs() {
        return jobs;
    }

    /** The configuration in force, reloads included. */
    public LaunchguardConfig config() {
        return supervisor.config();
    }

    /**
     * Re-reads the configuration file: changed jobs get new watchers, unchanged ones keep running.
     * The file is read and checked on the calling thread (the reload's, never the API's), before any
     * lock the API waits on; one that does not load changes nothing ("Reload rejected" is logged) and
     * false is returned. The watchers read their files again; one that does not load keeps its
     * running checks.
     */
    public synchronized boolean reload(Path file) {
        Optional<LaunchguardConfig> next = NextConfig.load(file, ConfigLoader.forUser()::load);
        if (next.isEmpty()) {
            return false;
        }
        try {
            supervisor.reload(next.get());
            watchers.reload(next.get().watchers(), WatchedJobs.of(next.get()));
            incidents.reconfigure(next.get().watchers().alerts());
            incidents.retain(labels(next.get()));
        } catch (RuntimeException | StackOverflowError e) {
            // A launchguard bug while applying a good file: say so, with the trace, and keep running.
            log.error("Reload failed part way, jobs and watchers may be partly reloaded: {} file={}", e, file, e);
            return false;
        }
        return true;
    }

    /** The watchers running inside this launchguard (drift, uptime, strays). */
    public Watchers watchers() {
        return watchers;
    }

    /**
     * The folder's plists by file name, in name order; the embedded engine loads every one, up to
     * {@link LaunchguardConfig#MAX_JOBS}: a folder with more is refused before any is loaded.
     */
    static Map<String, Path> listPlists(LaunchguardConfig config) {
        Path folder = config.plists();
        Map<String, Path> plists = new LinkedHashMap<>();
        try {
            Plists.list(folder).forEach(p -> plists.put(p.getFileName().toString(), p));
        } catch (PlistException e) {
            throw new JobManagerException(folder.toString(), e.problem(), e);
        }
        if (plists.size() > LaunchguardConfig.MAX_JOBS) {
            throw new ConfigException(config.source(), "plists", String.format(java.util.Locale.ROOT,
                    "the folder %s holds %,d plists; allowed: at most %,d (one launchguard runs at most %,d jobs: "
                    + "docs/configuration.md, Limits)", folder, plists.size(), LaunchguardConfig.MAX_JOBS,
                    LaunchguardConfig.MAX_JOBS));
        }
        return plists;
    }

    /** Loads one plist; a bad plist is reported and skipped, other jobs unaffected. */
    private void load(Path plist) {
        try {
            supervisor.loaded(jobs.bootstrap(plist).label());
        } catch (JobManagerException e) {
            String name = plist.getFileName().toString();
            String label = name.substring(0, name.length() - ".plist".length());
            if (jobs.disabled(label)) {
                // An operator's disable outlives launchguard, as launchd's does: not an error.
                log.info("Job is disabled, not loaded until 'launchguard enable {}' job={}", label, label);
            } else {
                log.error("Plist not loaded, other jobs unaffected: {}", e.getMessage());
            }
        }
    }

    private static Set<String> labels(LaunchguardConfig config) {
        Set<String> labels = new java.util.HashSet<>();
        config.jobs().forEach(j -> labels.add(j.label()));
        return labels;
    }

    private static Map<String, List<Integer>> ports(LaunchguardConfig config) {
        Map<String, List<Integer>> ports = new LinkedHashMap<>();
        for (JobConfig job : config.jobs()) {
            ports.put(job.label(), job.ports());
        }
        return ports;
    }

    @Override
    public void close() {
        api.close();
        watchers.close();
        supervisor.close();
        pools.close();
        incidents.close();
        jobs.close();
        prober.close();
        metrics.close();
        // Last: only a stop that got this far is a clean one for the next start.
        marker.remove();
        log.info("launchguard stopped");
    }
}
