package dev.launchguard.engine;

import dev.launchguard.process.ProcessTable;
import dev.launchguard.process.JobProcess;
import dev.launchguard.job.JobManager;
import dev.launchguard.job.JobManagerException;
import dev.launchguard.job.JobStatus;
import dev.launchguard.job.Signal;
import dev.launchguard.job.Teardown;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
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
    /** How long bootout waits for the kernel to release a job's ports after its tree died. */
    private static final Duration PORT_WAIT = Duration.ofSeconds(2);
    private static final long PORT_POLL_MILLIS = 20;

    private final Map<String, EngineJob> jobs = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private final EngineContext ctx;
    private final JobPorts ports;
    private final StrayFinder strays;
    private final ScheduledThreadPoolExecutor events;
    private final ExecutorService reaper;
    private final Optional<OrphanReaper> orphans;

    /** An engine keeping its state in {@code stateFolder}, with ports only from the plists. */
    public EmbeddedJobManager(Path stateFolder) {
        this(stateFolder, Map.of(), JobListener.NONE, Clock.systemUTC(), System::nanoTime);
    }

    /**
     * @param ports per label, ports the job serves besides those its plist lists under LaunchguardPorts
     */
    public EmbeddedJobManager(Path stateFolder, Map<String, List<Integer>> ports, JobListener listener, Clock clock,
            LongSupplier nanos) {
        this.events = new ScheduledThreadPoolExecutor(EVENT_THREADS, named("engine-events"));
        this.events.setRemoveOnCancelPolicy(true);
        this.reaper = Executors.newCachedThreadPool(named("engine-reaper"));
        ProcessTable table = new ProcessTable();
        OwnChildren children = new OwnChildren();
        StateStore store = new StateStore(stateFolder);
        this.ports = new JobPorts(ports);
        this.ctx = new EngineContext(clock, nanos, events, reaper, store, table, new TreeTeardown(table, nanos),
                RestartPolicy.of(jobs::containsKey), listener, children, this.ports);
        this.strays = new StrayFinder(table);
        this.orphans = OrphanReaper.startIfInit(children::awaited, nanos);
    }

    @Override
    public JobStatus bootstrap(Path plist) {
        LaunchdJob job;
        try {
            job = Plists.read(plist);
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

    @Override
    public Teardown bootout(String label) {
        long begin = ctx.nanos().getAsLong();
        EngineJob job;
        Optional<JobProcess> main;
        synchronized (lifecycle) {
            job = loaded(label);
            try {
                main = job.beginStop();
            } catch (IllegalStateException e) {
                throw new JobManagerException(label, "is already being booted out");
            }
        }
        List<Integer> ours = portsOfTheJob(job.job());
        TreeTeardown.Result result = ctx.teardown().stop(label, p -> true, main, job.job().effectiveExitTimeOut());
        List<Integer> freed = awaitPortsFree(label, ours);
        job.finishStop();
        jobs.remove(label, job);
        Duration elapsed = Duration.ofNanos(ctx.nanos().getAsLong() - begin);
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
     * The job's ports, less those a process outside the job holds before the teardown begins: a
     * probe URL may name another service's port (a shared backend, a proxy), which stopping this
     * job will never free, so waiting for it would only add {@link #PORT_WAIT} to every bootout.
     */
    private List<Integer> portsOfTheJob(LaunchdJob job) {
        List<Integer> wanted = new ArrayList<>(ports.of(job));
        List<ProcessTable.PortOwner> held = wanted.isEmpty() ? List.of() : ctx.table().listeners(wanted);
        if (held.isEmpty()) {
            return wanted;
        }
        Set<Long> tagged = new HashSet<>();
        ctx.table().tagged(job.label()).forEach(p -> tagged.add(p.pid()));
        for (ProcessTable.PortOwner owner : held) {
            if (!tagged.contains(owner.pid())) {
                wanted.remove(Integer.valueOf(owner.port()));
                log.info("Port held by a process outside the job, not waited for at bootout label={} port={} pid={}",
                        job.label(), owner.port(), owner.pid());
            }
        }
        return wanted;
    }

    /** Waits (bounded) until nobody listens on {@code wanted}; returns the ports verified free. */
    private List<Integer> awaitPortsFree(String label, List<Integer> wanted) {
        long deadline = ctx.nanos().getAsLong() + PORT_WAIT.toNanos();
        List<ProcessTable.PortOwner> held = wanted.isEmpty() ? List.of() : ctx.table().listeners(wanted);
        while (!held.isEmpty() && ctx.nanos().getAsLong() < deadline) {
            try {
                Thread.sleep(PORT_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            held = ctx.table().listeners(wanted);
        }
        List<Integer> freed = new ArrayList<>(wanted);
        for (ProcessTable.PortOwner owner : held) {
            freed.remove(Integer.valueOf(owner.port()));
            log.warn("Port still held after bootout label={} port={} pid={}", label, owner.port(), owner.pid());
        }
        return freed;
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

    /** Boots out every job (verified), then stops the engine's threads. */
    @Override
    public void close() {
        for (String label : List.copyOf(jobs.keySet())) {
            try {
                bootout(label);
            } catch (JobManagerException e) {
                log.warn("Bootout at close failed label={} error={}", label, e.getMessage());
            }
        }
        events.shutdownNow();
        reaper.shutdown();
        try {
            if (!reaper.awaitTermination(PORT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
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
