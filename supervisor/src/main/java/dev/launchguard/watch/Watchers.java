package dev.launchguard.watch;

import dev.launchguard.alert.Alert;
import dev.launchguard.alert.AlertDispatch;
import dev.launchguard.alert.Alerter;
import dev.launchguard.config.WatchersConfig;
import dev.launchguard.doctor.Diagnosis;
import dev.launchguard.drift.DriftCheck;
import dev.launchguard.drift.DriftFile;
import dev.launchguard.drift.DriftReport;
import dev.launchguard.drift.DriftResult;
import dev.launchguard.drift.DriftWatcher;
import dev.launchguard.drift.WatchedJobs;
import dev.launchguard.fleet.FleetView;
import dev.launchguard.metrics.Metrics;
import dev.launchguard.process.ProcessTable;
import dev.launchguard.strays.StrayReport;
import dev.launchguard.strays.StrayWatch;
import dev.launchguard.threads.NamedThreads;
import dev.launchguard.uptime.UptimeFile;
import dev.launchguard.uptime.UptimeReport;
import dev.launchguard.uptime.UptimeResult;
import dev.launchguard.uptime.UptimeWatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watchers inside a running launchguard: drift and uptime from their files, orphans and
 * squatters from the process table, each on its own interval, their results exported as metrics,
 * kept for the API and turned into alerts.
 *
 * <p>Threads and ownership: owns three cycle threads ({@code watchers-cycle-N}, one per kind, so a
 * slow uptime round never delays the drift checks), four check threads ({@code watchers-check-N})
 * on which one drift or uptime cycle runs its checks side by side, and the alert dispatcher's
 * threads. Nothing runs on a Netty event loop or on the supervisor's threads. {@link #reload}
 * closes and starts each watcher again (a file that does not load keeps the running one);
 * {@link #close()} stops them all.
 */
public final class Watchers implements WatchView, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Watchers.class);

    /** Commands wait and file reads block; four threads keep a 100-check drift file near its 200 ms goal. */
    private static final int CHECK_THREADS = 4;
    private static final int KINDS = 3;

    private final FleetView fleet;
    private final Metrics metrics;
    private final Optional<String> owner;
    private final Clock clock;
    private final ProcessTable table;
    private final ScheduledExecutorService cycles = Executors.newScheduledThreadPool(KINDS, NamedThreads.daemon("watchers-cycle"));
    private final ExecutorService checks = Executors.newFixedThreadPool(CHECK_THREADS, NamedThreads.daemon("watchers-check"));
    private final Alerter alerter;
    private final WatchLoop<DriftReport> drift;
    private final WatchLoop<UptimeReport> uptime;
    private final WatchLoop<StrayReport> strays;
    private AlertDispatch dispatch;
    /** The configuration's jobs and plist folder, for unwatched drift checks; replaced at each reload. */
    private volatile WatchedJobs watched;

    private Watchers(WatchersConfig config, WatchedJobs watched, FleetView fleet, Metrics metrics, Optional<String> owner,
            ProcessTable table, Clock clock) {
        this.watched = watched;
        this.fleet = fleet;
        this.table = table;
        this.metrics = metrics;
        this.owner = owner;
        this.clock = clock;
        this.dispatch = new AlertDispatch(config.alerts());
        this.alerter = new Alerter(config.alerts().failures(), config.alerts().successes(), this::alert, clock);
        this.drift = new WatchLoop<>("drift", cycles);
        this.uptime = new WatchLoop<>("uptime", cycles);
        this.strays = new WatchLoop<>("strays", cycles);
    }

    /**
     * Starts every configured watcher over {@code fleet}; the caller closes it. {@code owner} is the
     * embedded engine's owner tag (empty under launchd): the stray watcher neither reports nor reaps
     * processes another launchguard started. {@code watched} is the configuration's jobs and plist
     * folder, what a drift {@code unwatched} check compares the folder with.
     */
    public static Watchers start(WatchersConfig config, WatchedJobs watched, FleetView fleet, Metrics metrics,
            Optional<String> owner, ProcessTable table, Clock clock) {
        Watchers watchers = new Watchers(config, watched, fleet, metrics, owner, table, clock);
        watchers.apply(config);
        return watchers;
    }

    /** Applies a reloaded configuration: each watcher is closed and started again with its file read anew. */
    public synchronized void reload(WatchersConfig next, WatchedJobs nextWatched) {
        watched = nextWatched;
        AlertDispatch old = dispatch;
        dispatch = old.reconfigured(next.alerts());
        old.close();
        alerter.thresholds(next.alerts().failures(), next.alerts().successes());
        apply(next);
    }

    private synchronized void apply(WatchersConfig config) {
        config.drift().ifPresentOrElse(s -> drift.start(s.interval(), s.file().toString(), () -> driftCycle(s)), () -> {
            drift.stop();
            metrics.retainDriftChecks(Set.of());
        });
        config.uptime().ifPresentOrElse(s -> uptime.start(s.interval(), s.file().toString(), () -> uptimeCycle(s)), () -> {
            uptime.stop();
            metrics.retainUptimeTargets(Set.of());
        });
        WatchersConfig.Strays s = config.strays();
        strays.start(s.interval(), "the process table" + (s.reap() ? ", reaping orphans" : ""),
                () -> strayCycle(new StrayWatch(fleet, table, metrics, s.reap(), owner, clock)));
        log.info("Watchers configured drift={} uptime={} straysIntervalMs={} reap={} alerts={} fireAfter={} resolveAfter={}",
                drift.running(), uptime.running(), s.interval().toMillis(), s.reap(), dispatch.sinks(),
                config.alerts().failures(), config.alerts().successes());
    }

    private Supplier<DriftReport> driftCycle(WatchersConfig.Schedule schedule) {
        List<DriftCheck> list = DriftFile.forUser().load(schedule.file());
        DriftWatcher watcher = new DriftWatcher(new FleetJobDirectory(fleet), table, checks, clock, System::nanoTime,
                Optional.of(watched));
        Set<String> names = new LinkedHashSet<>();
        list.forEach(c -> names.add(c.name()));
        return () -> {
            DriftReport report = watcher.run(list);
            metrics.retainDriftChecks(names);
            List<Alerter.Result> results = new ArrayList<>();
            for (DriftResult r : report.results()) {
                metrics.driftCheck(r.check(), r.ok());
                results.add(new Alerter.Result(r.check(), r.ok(), r.detail()));
            }
            log.debug("Drift checks ran passed={} failed={} elapsedMs={}", report.results().size() - report.failures(),
                    report.failures(), report.elapsed().toMillis());
            alerter.observe("drift", results);
            return report;
        };
    }

    private Supplier<UptimeReport> uptimeCycle(WatchersConfig.Schedule schedule) {
        UptimeFile.Settings settings = UptimeFile.load(schedule.file(), true);
        UptimeWatcher watcher = UptimeWatcher.withSystemTrust(settings.certificateWarning(), checks, clock);
        Set<String> names = new LinkedHashSet<>();
        settings.targets().forEach(t -> names.add(t.name()));
        return () -> {
            Instant at = clock.instant();
            long start = System.nanoTime();
            List<UptimeResult> asked = watcher.run(settings.targets());
            UptimeReport report = new UptimeReport(at, Duration.ofNanos(System.nanoTime() - start), asked);
            metrics.retainUptimeTargets(names);
            List<Alerter.Result> results = new ArrayList<>();
            for (UptimeResult r : report.results()) {
                metrics.uptime(r.target(), r.up(), r.responseTime());
                r.earliestExpiry().ifPresent(e -> metrics.tlsCertExpiry(r.target(), e));
                results.add(new Alerter.Result(r.target(), r.healthy(), r.healthy() ? "up" : String.join("; ", r.problems())));
            }
            log.debug("Uptime targets asked healthy={} unhealthy={}", report.results().size() - report.unhealthy(),
                    report.unhealthy());
            alerter.observe("uptime", results);
            return report;
        };
    }

    private Supplier<StrayReport> strayCycle(StrayWatch watch) {
        return () -> {
            StrayReport report = watch.cycle();
            List<Alerter.Result> results = new ArrayList<>();
            for (String label : report.jobs()) {
                List<Diagnosis.Problem> problems = report.of(label);
                results.add(new Alerter.Result(label, problems.isEmpty(), problems.isEmpty() ? "no orphans or squatters"
                        : String.join("; ", problems.stream().map(Diagnosis.Problem::message).toList())));
            }
            alerter.observe("strays", results);
            return report;
        };
    }

    private void alert(Alert alert) {
        AlertDispatch current;
        synchronized (this) {
            current = dispatch;
        }
        current.accept(alert);
    }

    @Override
    public WatchState<DriftReport> drift() {
        return drift.state();
    }

    @Override
    public WatchState<UptimeReport> uptime() {
        return uptime.state();
    }

    @Override
    public WatchState<StrayReport> strays() {
        return strays.state();
    }

    /** The checks whose alert is out, as {@code watcher/check}. */
    public List<String> firing() {
        return alerter.firing();
    }

    @Override
    public synchronized void close() {
        drift.close();
        uptime.close();
        strays.close();
        cycles.shutdownNow();
        checks.shutdownNow();
        dispatch.closeNow();
        log.info("Watchers stopped");
    }
}
