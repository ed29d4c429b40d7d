package dev.launchguard.supervisor;

import dev.launchguard.config.JobConfig;
import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.LoadedPlist;
import dev.launchguard.health.HealthState;
import dev.launchguard.job.JobManagerException;
import dev.launchguard.job.JobStatus;
import dev.launchguard.job.Teardown;
import dev.launchguard.recovery.RecoveryRetry;
import dev.launchguard.recovery.RestartReason;
import dev.launchguard.recovery.Restarter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one job: owns its state and its thread, and hands each tick to the phase of the job's
 * health state — {@link StartupPhase} (STARTING, RECOVERING), {@link LivenessPhase} (READY,
 * SUSPECT), {@link RecoveryPhase} (WEDGED, a RECOVERING job whose kickstart waits for its retry),
 * {@link QuarantinePhase} (QUARANTINED) — and answers the operator's kickstart, disable and enable.
 *
 * <p>Threads and ownership: each watcher has its own {@link SerialScheduler}, which runs its tasks
 * one at a time, in order, over threads shared by all watchers; it owns every mutable field here
 * and in {@link JobState}. Probe results arrive on Netty's event loops and hop back onto it;
 * blocking job-manager calls (kill, kickstart, bootout) also run on it, and the shared pool grows
 * for them, so a slow recovery of one job never delays another job's probes. Exit events arrive
 * from the job manager through the {@link SpawnLog} and hop onto it too. Other threads only read
 * {@link #view()}, a snapshot replaced whole.
 */
final class JobWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobWatcher.class);
    /** How long close waits for a watcher's running task (a kill in progress) to finish. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    /** A watcher silent this long is stuck; far above any tick interval and any blocking call's bound. */
    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private final JobConfig config;
    private final WatcherContext ctx;
    private final SerialScheduler exec;
    private final TickChain ticks;
    private final JobState job;
    private final RecoveryPhase recovery;
    private final QuarantinePhase quarantine;
    private final StartupPhase startup;
    private final LivenessPhase liveness;
    private final Restarter restarter;
    private volatile ScheduledFuture<?> readinessLoop;
    private volatile long lastTickNanos;
    private volatile LoadedPlist plist;
    /** Disabled through {@link #disable()}: no probes, no restarts, no tick chain until {@link #enable()}. */
    private volatile boolean disabled;

    JobWatcher(JobConfig config, WatcherContext ctx) {
        this.config = config;
        this.ctx = ctx;
        this.exec = new SerialScheduler(config.label(), ctx.timer(), ctx.workers());
        this.ticks = new TickChain(config.label(), exec, this::tick);
        JobProbes probes = new JobProbes(config, ctx.probes());
        // Every series of the job exists at zero before its first event (a changed job's keep counting).
        ctx.metrics().jobConfigured(config.label(), probes.roles());
        this.job = new JobState(config.label(), ctx.metrics(), ctx.clock(), ctx.nanos(), probes,
                max(config.startupBudget(), config.recovery().readyBudget()));
        ProcessLooks looks = new ProcessLooks(config.label(), ctx.evidence(), ctx.metrics());
        this.restarter = new Restarter(config.label(), ctx.jobs(), ctx.storm(), ctx.nanos());
        this.quarantine = new QuarantinePhase(job, ticks, restarter, ctx.metrics(), config.storm(), ctx.events());
        this.recovery = new RecoveryPhase(job, ticks, probes, restarter, quarantine, looks, ctx);
        this.startup = new StartupPhase(config, job, ticks, probes, recovery, looks, ctx);
        this.liveness = new LivenessPhase(config, job, ticks, probes, recovery, looks, ctx.judge(), ctx.events());
        this.lastTickNanos = ctx.nanos().getAsLong();
        this.plist = LoadedPlist.of(plistPath(), ctx.clock().instant(), config.ports());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    String label() {
        return config.label();
    }

    /**
     * True while this watcher's loop runs (or is deliberately stopped, for a disabled job): it ticked
     * within {@link #STALL_LIMIT}. Every state ticks at least once a second, so a longer silence
     * means its thread is stuck (a job-manager call that never returns).
     */
    boolean ticking() {
        return disabled || ctx.nanos().getAsLong() - lastTickNanos < STALL_LIMIT.toNanos();
    }

    JobView view() {
        return job.view();
    }

    LoadedPlist plist() {
        return plist;
    }

    private Path plistPath() {
        return ctx.plists().resolve(config.label() + ".plist");
    }

    void start() {
        ctx.spawns().subscribe(config.label(), (pid, at, how) -> {
            try {
                exec.execute(() -> {
                    if (!ticks.closed()) {
                        recovery.exited(pid, at);
                    }
                });
            } catch (RejectedExecutionException e) {
                // closed: nobody watches this job any more
            }
        });
        exec.execute(this::adopt);
        config.readiness().ifPresent(r -> readinessLoop = exec.scheduleWithFixedDelay(liveness::readinessTick, 0,
                r.interval().toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The job manager has just loaded this job: look now rather than at the next idle poll. */
    void nudge() {
        exec.execute(() -> {
            if (!ticks.closed() && !disabled && job.state == HealthState.STOPPED) {
                ticks.cut();
                tick();
            }
        });
    }

    /**
     * Runs a manual kickstart on this watcher's thread. A failure is the caller's error; a job that
     * was running is also left RECOVERING with a retry, as any failed recovery, while a stopped or
     * quarantined one stays as it was: nothing ran, so there is nothing to recover.
     */
    CompletableFuture<JobView> kickstart() {
        return CompletableFuture.supplyAsync(() -> {
            if (disabled) {
                throw new JobManagerException(config.label(), "is disabled; run 'launchguard enable "
                        + config.label() + "' first");
            }
            if (job.state == HealthState.QUARANTINED) {
                quarantine.reset(plistPath());
                plist = LoadedPlist.of(plistPath(), ctx.clock().instant(), config.ports());
                return job.view();
            }
            HealthState before = job.state;
            recovery.recover(RestartReason.MANUAL, "kickstart requested", Duration.ZERO, false);
            if (job.retry == null) {
                return job.view();
            }
            RecoveryRetry failed = job.retry;
            if (before == HealthState.STOPPED || before == HealthState.QUARANTINED) {
                job.retry = null;
                job.respawn = null;
                job.move(before);
                ticks.later(TickChain.IDLE_POLL);
                throw new JobManagerException(config.label(), "could not be kickstarted: " + failed.lastError());
            }
            throw new JobManagerException(config.label(), "could not be kickstarted, retrying in "
                    + failed.delay().toSeconds() + " s: " + failed.lastError());
        }, exec);
    }

    /**
     * The operator's way back from quarantine: loads and starts the job, forgets its restarts in the
     * storm guard and recovers it like any restart, until READY. For a job that is not quarantined
     * it only forgets the restarts counted so far. A disabled job must be enabled instead.
     */
    CompletableFuture<JobView> reset() {
        return CompletableFuture.supplyAsync(() -> {
            if (disabled) {
                throw new JobManagerException(config.label(), "is disabled; run 'launchguard enable "
                        + config.label() + "' (which also clears its restart count)");
            }
            if (job.state == HealthState.QUARANTINED) {
                quarantine.reset(plistPath());
                plist = LoadedPlist.of(plistPath(), ctx.clock().instant(), config.ports());
            } else {
                restarter.forgetRestarts();
            }
            return job.view();
        }, exec);
    }

    /**
     * Disables the job on this watcher's thread, so no tick can read the job's absence as a crash:
     * the job manager boots it out (verified) with a persistent override, then the watcher moves
     * to STOPPED and cuts its tick chain.
     */
    CompletableFuture<Teardown> disable() {
        return CompletableFuture.supplyAsync(() -> {
            Teardown teardown = ctx.jobs().disable(config.label());
            disabled = true;
            ticks.cut();
            if (job.state == HealthState.QUARANTINED) {
                ctx.metrics().quarantined(config.label(), false);
            }
            job.respawn = null;
            job.retry = null;
            job.pid = 0;
            job.resetLiveness();
            markDisabled();
            log.info("Job disabled job={} stopped={} forced={} survivors={} elapsed_ms={}", config.label(),
                    teardown.stoppedPids(), teardown.forced(), teardown.survivors(), teardown.elapsed().toMillis());
            return teardown;
        }, exec);
    }

    /**
     * Clears the disabled override and loads the job from its plist unless the job manager still has
     * it; a job this watcher had disabled is picked up again at once.
     */
    CompletableFuture<JobView> enable() {
        return CompletableFuture.supplyAsync(() -> {
            ctx.jobs().enable(config.label());
            if (!disabled && job.state == HealthState.QUARANTINED) {
                quarantine.reset(plistPath());
                plist = LoadedPlist.of(plistPath(), ctx.clock().instant(), config.ports());
                return job.view();
            }
            if (!ctx.jobs().status(config.label()).loaded()) {
                ctx.jobs().bootstrap(plistPath());
                job.loadedAgain();
                plist = LoadedPlist.of(plistPath(), ctx.clock().instant(), config.ports());
            }
            if (disabled) {
                disabled = false;
                // An operator brought it back: the restarts counted before it was disabled are forgotten.
                restarter.forgetRestarts();
                ticks.cut();
                log.info("Job enabled job={}", config.label());
                job.move(HealthState.STOPPED);
                pollStopped();
            }
            return job.view();
        }, exec);
    }

    /** DISABLED, saying so and how to undo it. */
    private void markDisabled() {
        job.move(HealthState.DISABLED, "disabled by an operator (launchguard disable or launchctl disable); kept across restarts, "
                + "not probed or restarted", "launchguard enable " + config.label());
    }

    private void adopt() {
        JobStatus status = ctx.jobs().status(config.label());
        if (!status.loaded() && ctx.jobs().disabled(config.label())) {
            // Left disabled by an earlier disable: the override outlives launchguard, as launchd's does.
            disabled = true;
            ticks.cut();
            markDisabled();
            log.info("Job is disabled, not watched until enabled job={}", config.label());
            return;
        }
        if (status.running()) {
            recovery.trackRun(status);
            job.move(HealthState.STARTING);
        } else if (recovery.endedUnseen(status)) {
            return;
        }
        job.publish();
        ticks.later(Duration.ZERO);
    }

    private void tick() {
        if (ticks.closed() || disabled) {
            return;
        }
        lastTickNanos = ctx.nanos().getAsLong();
        try {
            job.refreshCounts();
            step();
        } catch (RuntimeException e) {
            ticks.failed(e);
        }
    }

    private void step() {
        switch (job.state) {
            case STOPPED:
                pollStopped();
                break;
            case STARTING:
            case RECOVERING:
                if (job.retry != null) {
                    recovery.retryTick();
                } else {
                    startup.tick();
                }
                break;
            case READY:
            case SUSPECT:
                liveness.tick();
                break;
            case WEDGED:
                recovery.recover(RestartReason.WEDGE, job.wedgeEvidence, Duration.ZERO, true);
                break;
            case QUARANTINED:
                if (quarantine.adoptedRun(ctx.jobs().status(config.label()), recovery)) {
                    break;
                }
                if (quarantine.tick(plistPath())) {
                    plist = LoadedPlist.of(plistPath(), ctx.clock().instant(), config.ports());
                }
                break;
            default:
                ticks.later(TickChain.IDLE_POLL);
        }
    }

    private void pollStopped() {
        JobStatus status = ctx.jobs().status(config.label());
        if (status.running()) {
            recovery.trackRun(status);
            job.startNow();
            job.move(HealthState.STARTING);
            ticks.later(Duration.ZERO);
        } else if (!recovery.endedUnseen(status)) {
            explainStopped(status);
            ticks.later(TickChain.IDLE_POLL);
        }
    }

    private void explainStopped(JobStatus status) {
        if (!status.loaded()) {
            job.explain("not loaded in the job manager", "launchguard enable " + config.label());
        } else if (status.throttledUntil().isPresent()) {
            job.explain("loaded; its respawn is throttled until " + status.throttledUntil().get(), null);
        } else {
            job.explain("loaded, not running: waiting for launchd to start it (StartInterval, a KeepAlive "
                    + "condition), or it exited and KeepAlive does not restart it", "launchguard kickstart "
                    + config.label());
        }
    }

    @Override
    public void close() {
        ctx.spawns().unsubscribe(config.label());
        ScheduledFuture<?> loop = readinessLoop;
        if (loop != null) {
            loop.cancel(false);
        }
        try {
            exec.execute(ticks::close);
            if (!exec.close(CLOSE_WAIT.toMillis())) {
                log.warn("Watcher still busy at close job={}", config.label());
            }
        } catch (RejectedExecutionException e) {
            // already closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
