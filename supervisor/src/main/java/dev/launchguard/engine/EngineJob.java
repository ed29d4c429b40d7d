// Over 300 lines: one job's whole run cycle (spawn, exit, throttle, adopt, kickstart, stop) under one lock; split, each invariant would span files.
package dev.launchguard.engine;

import dev.launchguard.job.JobManagerException;
import dev.launchguard.job.JobStatus;
import dev.launchguard.job.Signal;
import dev.launchguard.job.Termination;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.process.JobProcess;
import dev.launchguard.process.Signals;
import dev.launchguard.time.Moment;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded job at run time: its phase, its current run, the throttle and its timers.
 *
 * <p>Threads: API calls arrive on callers' threads, exits and timers on the engine's event threads.
 * Every change happens under this job's lock, and nothing slow happens under it (no process-table
 * scan, no waiting for a tree): a spawn and a state-file write are the slowest steps. Bootout flips
 * the phase to STOPPING under the lock first, so no later event can start a process.
 */
final class EngineJob {

    private static final Logger log = LoggerFactory.getLogger(EngineJob.class);

    /** launchd reports exit code 78 (EX_CONFIG) for a job it could not execute. */
    static final int SPAWN_FAILED = 78;
    /** A failed spawn is retried no sooner than this, even with ThrottleInterval 0, to avoid a hot loop. */
    private static final Duration MIN_RETRY = Duration.ofSeconds(1);
    /** How long kickstart -k waits for the SIGKILLed run to die before it gives up. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final LaunchdJob job;
    private final EngineContext ctx;
    private final JobTimers timers;
    private final ReentrantLock lock = new ReentrantLock();

    private JobPhase phase = JobPhase.IDLE;
    private Run current;
    /** The last spawn, null before the first: its nanos bound the throttle, its wall time labels an adopted run. */
    private Moment lastSpawn;
    private Optional<Termination> lastExit = Optional.empty();
    private long runs;
    private Instant throttledUntil;
    private ScheduledFuture<?> pendingSpawn;

    /** One run of the job; {@code process} is present when the engine spawned it (and so can wait on it). */
    record Run(String instance, long pid, Instant started, Optional<Process> process) {
    }

    EngineJob(LaunchdJob job, EngineContext ctx) {
        this.job = job;
        this.ctx = ctx;
        this.timers = new JobTimers(job.label(), ctx.events());
    }

    LaunchdJob job() {
        return job;
    }

    String label() {
        return job.label();
    }

    /** Loads the job: adopts {@code previous} if that run is still alive, else starts it if launchd would. */
    void load(Optional<InstanceRecord> previous) {
        List<JobProcess> tagged = previous.isPresent() ? ctx.table().tagged(label()) : List.of();
        lock.lock();
        try {
            boolean adopted = previous.map(record -> adoptLocked(record, tagged)).orElse(false);
            if (!adopted && ctx.policy().startAtLoad(job)) {
                startLocked("load");
            }
            job.startInterval().ifPresent(interval -> timers.every(interval, this::onStartInterval));
            if (RestartPolicy.waits(job) && job.startInterval().isEmpty()) {
                timers.every(JobTimers.CONDITION_POLL, this::onConditionPoll);
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean adoptLocked(InstanceRecord record, List<JobProcess> tagged) {
        runs = record.runs();
        Optional<JobProcess> main = Adoption.mainProcess(record, ctx.owner(), tagged);
        if (main.isEmpty()) {
            ctx.store().forgetInstance(label());
            if (!job.abandonProcessGroup()) {
                reapRemnants(record.instance());
            }
            return false;
        }
        JobProcess m = main.get();
        current = new Run(record.instance(), m.pid(), m.started(), Optional.empty());
        lastSpawn = Moment.at(ctx.nanos().getAsLong()
                - Math.max(0, Duration.between(m.started(), ctx.clock().instant()).toNanos()), ctx.clock(), ctx.nanos());
        phase = phase.moveTo(JobPhase.RUNNING, label());
        ctx.store().saveInstance(new InstanceRecord(label(), record.instance(), m.pid(), Optional.of(m.started()), runs));
        timers.watch(() -> !ctx.table().alive(m.pid(), m.started()), () -> exited(record.instance(), Optional.empty()));
        log.info("Adopted running instance label={} pid={} instance={}", label(), m.pid(), record.instance());
        return true;
    }

    /** Starts a run now. Caller holds the lock; does nothing once the job is stopping. */
    private void startLocked(String reason) {
        if (phase.startForbidden()) {
            return;
        }
        cancelPendingLocked();
        String instance = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        // The tag is written down before the spawn, so an engine killed in between can still find the run.
        ctx.store().saveInstance(InstanceRecord.pending(label(), instance, runs + 1));
        lastSpawn = Moment.now(ctx.clock(), ctx.nanos());
        Process process;
        try {
            process = ctx.spawner().start(job, instance);
        } catch (IOException | RuntimeException e) {
            log.warn("Spawn failed label={} reason={} error={}", label(), reason, e.getMessage());
            ctx.store().forgetInstance(label());
            spawnFailedLocked();
            return;
        }
        ctx.children().track(process);
        runs++;
        // The new PID exists now: say so before the bookkeeping below (a /proc read, a state file).
        ctx.listener().spawned(label(), process.pid());
        Instant started = process.toHandle().info().startInstant().orElse(lastSpawn.wall());
        current = new Run(instance, process.pid(), started, Optional.of(process));
        phase = phase.moveTo(JobPhase.RUNNING, label());
        throttledUntil = null;
        ctx.store().saveInstance(new InstanceRecord(label(), instance, process.pid(), Optional.of(started), runs));
        process.onExit().thenRunAsync(
                () -> exited(instance, Optional.of(RestartPolicy.termination(process.exitValue()))), ctx.events());
        log.info("Started label={} pid={} runs={} reason={}", label(), process.pid(), runs, reason);
    }

    private void spawnFailedLocked() {
        lastExit = Optional.of(Termination.exited(SPAWN_FAILED));
        if (phase != JobPhase.IDLE) {
            phase = phase.moveTo(JobPhase.IDLE, label());
        }
        if (ctx.policy().restartAfter(job, lastExit)) {
            Duration wait = RestartPolicy.respawnDelay(lastSpawn.nanos(), job.effectiveThrottle(), ctx.nanos().getAsLong());
            scheduleLocked(wait.compareTo(MIN_RETRY) < 0 ? MIN_RETRY : wait);
        }
    }

    /** The end of a run, from its exit event (own child) or the adopted-run watcher. */
    void exited(String instance, Optional<Termination> how) {
        lock.lock();
        try {
            if (current == null || !current.instance().equals(instance)) {
                return; // kickstart -k already replaced this run and recorded its end
            }
            Run ended = current;
            current = null;
            lastExit = how;
            ctx.listener().exited(label(), ended.pid(), how);
            log.info("Exited label={} pid={} how={}", label(), ended.pid(), how.map(Object::toString).orElse("unknown"));
            if (phase == JobPhase.STOPPING) {
                return; // bootout owns the tree now; the should-run predicate is off
            }
            phase = phase.moveTo(JobPhase.IDLE, label());
            if (ctx.policy().restartAfter(job, how)) {
                if (!job.abandonProcessGroup()) {
                    ProcessDeath.killPortHolders(label(), ctx.owner(), instance, ctx.ports().of(job), ctx.table(),
                            KILL_WAIT);
                }
                respawnLocked("KeepAlive");
            } else {
                ctx.store().forgetInstance(label());
            }
            if (!job.abandonProcessGroup()) {
                reapRemnants(instance);
            }
        } finally {
            lock.unlock();
        }
    }

    private void respawnLocked(String reason) {
        Duration wait = lastSpawn == null ? Duration.ZERO
                : RestartPolicy.respawnDelay(lastSpawn.nanos(), job.effectiveThrottle(), ctx.nanos().getAsLong());
        if (wait.compareTo(Duration.ZERO) > 0) {
            scheduleLocked(wait);
        } else {
            startLocked(reason);
        }
    }

    /** Spawns after {@code wait}, measured on the monotonic clock; the wall time it ends at is a label. */
    private void scheduleLocked(Duration wait) {
        phase = phase.moveTo(JobPhase.THROTTLED, label());
        throttledUntil = ctx.clock().instant().plus(wait);
        pendingSpawn = ctx.events().schedule(this::onThrottleExpired, wait.toNanos(), TimeUnit.NANOSECONDS);
        log.info("Respawn throttled label={} until={}", label(), throttledUntil);
    }

    private void onThrottleExpired() {
        lock.lock();
        try {
            if (phase == JobPhase.THROTTLED) {
                pendingSpawn = null;
                startLocked("throttle expired");
            }
        } finally {
            lock.unlock();
        }
    }

    private void onStartInterval() {
        lock.lock();
        try {
            if (phase == JobPhase.IDLE) {
                startLocked("StartInterval");
            } else {
                // launchd skips a StartInterval firing while the previous run is still going.
                log.debug("StartInterval firing skipped label={} phase={}", label(), phase);
            }
        } finally {
            lock.unlock();
        }
    }

    private void onConditionPoll() {
        lock.lock();
        try {
            if (phase == JobPhase.IDLE && ctx.policy().conditionsHold(job.keepAlive())) {
                respawnLocked("KeepAlive condition");
            }
        } finally {
            lock.unlock();
        }
    }

    /** launchctl kickstart [-k]: start now, bypassing the throttle; with kill, SIGKILL the running run first. */
    void kickstart(boolean kill) {
        lock.lock();
        try {
            if (phase.startForbidden()) {
                throw new JobManagerException(label(), "is being booted out");
            }
            if (phase == JobPhase.RUNNING) {
                if (!kill) {
                    return; // launchctl kickstart without -k leaves a running job alone
                }
                killCurrentLocked();
            }
            startLocked(kill ? "kickstart -k" : "kickstart");
        } finally {
            lock.unlock();
        }
    }

    /**
     * SIGKILLs the current run with its tree (launchd kills the process group unless
     * AbandonProcessGroup) and waits for it to die before the new run starts; SIGKILL because a
     * stopped process never handles SIGTERM.
     */
    private void killCurrentLocked() {
        Run old = current;
        current = null;
        phase = phase.moveTo(JobPhase.IDLE, label());
        Optional<Termination> how = job.abandonProcessGroup() ? ProcessDeath.kill(label(), old, ctx.table(), KILL_WAIT)
                : ProcessDeath.killTree(label(), old, ctx.table(), KILL_WAIT);
        lastExit = how;
        ctx.listener().exited(label(), old.pid(), how);
        if (!job.abandonProcessGroup()) {
            reapRemnants(old.instance());
        }
    }

    void signal(Signal signal) {
        Run run;
        lock.lock();
        try {
            run = current;
        } finally {
            lock.unlock();
        }
        if (run == null || !ctx.table().alive(run.pid(), run.started())) {
            throw new JobManagerException(label(), "is not running");
        }
        Signals.send(run.pid(), signal);
    }

    /** Flips the should-run predicate off and returns the main process to stop, if one runs. */
    Optional<JobProcess> beginStop() {
        lock.lock();
        try {
            phase = phase.moveTo(JobPhase.STOPPING, label());
            cancelPendingLocked();
            timers.cancelAll();
            return Optional.ofNullable(current).map(r -> new JobProcess(r.pid(), ProcessHandle.current().pid(),
                    r.started(), Optional.of(label()), Optional.of(r.instance()), Optional.of(ctx.owner()), job.argv(),
                    false));
        } finally {
            lock.unlock();
        }
    }

    void finishStop() {
        lock.lock();
        try {
            phase = phase.moveTo(JobPhase.UNLOADED, label());
            current = null;
            ctx.store().forgetInstance(label());
        } finally {
            lock.unlock();
        }
    }

    /** The instance tag of the current run, if one runs. */
    Optional<String> currentInstance() {
        lock.lock();
        try {
            return Optional.ofNullable(current).map(Run::instance);
        } finally {
            lock.unlock();
        }
    }

    JobStatus status() {
        lock.lock();
        try {
            OptionalLong pid = current == null ? OptionalLong.empty() : OptionalLong.of(current.pid());
            return new JobStatus(label(), phase != JobPhase.UNLOADED, phase.runState(RestartPolicy.waits(job)), pid,
                    lastExit, runs, Optional.ofNullable(throttledUntil));
        } finally {
            lock.unlock();
        }
    }

    private void cancelPendingLocked() {
        if (pendingSpawn != null) {
            pendingSpawn.cancel(false);
            pendingSpawn = null;
        }
        throttledUntil = null;
    }

    /** Kills, off the respawn path, what an ended run left behind (launchd kills its process group). */
    private void reapRemnants(String instance) {
        ctx.reaper().execute(() -> {
            TreeTeardown.Result result = ctx.teardown().stop(label(), p -> p.ofRun(ctx.owner(), instance),
                    Optional.empty(), job.effectiveExitTimeOut());
            if (!result.stopped().isEmpty()) {
                log.info("Killed processes an ended run left label={} instance={} pids={} survivors={}", label(),
                        instance, result.stopped(), result.survivors());
            }
        });
    }
}
