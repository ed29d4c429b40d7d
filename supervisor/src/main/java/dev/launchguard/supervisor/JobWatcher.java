package dev.launchguard.supervisor;

import dev.launchguard.config.JobConfig;
import dev.launchguard.config.ProbeConfig;
import dev.launchguard.health.HealthState;
import dev.launchguard.health.ProcessEvidence;
import dev.launchguard.health.ProcessSample;
import dev.launchguard.health.Verdict;
import dev.launchguard.job.JobManagerException;
import dev.launchguard.job.JobStatus;
import dev.launchguard.job.Teardown;
import dev.launchguard.job.Termination;
import dev.launchguard.probe.Probe;
import dev.launchguard.probe.ProbeResult;
import dev.launchguard.probe.ProbeSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one job: probes it, judges it, recovers it and measures the respawn.
 *
 * <p>Threads and ownership: each watcher has its own {@link SerialScheduler}, which runs its tasks
 * one at a time, in order, over threads shared by all watchers; it owns every mutable field. Probe
 * results arrive on Netty's event loops and hop back onto it; blocking job-manager calls (kill,
 * kickstart, bootout) also run on it, and the shared pool grows for them, so a slow recovery of one
 * job never delays another job's probes. Other threads only read {@link #view()}, a snapshot
 * replaced whole.
 */
final class JobWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobWatcher.class);
    /** How often a stopped or quarantined job is looked at again. */
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    /** A job that shows no process this long into a recovery, and is not throttled, is kickstarted. */
    private static final Duration RESPAWN_NUDGE = Duration.ofSeconds(2);
    /** How long, at most, a dead instance's exit event is waited for: 20 looks 5 ms apart. */
    private static final int GONE_CHECKS = 20;
    private static final Duration GONE_RECHECK = Duration.ofMillis(5);
    /** How long close waits for a watcher's running task (a kill in progress) to finish. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    /** A watcher silent this long is stuck; far above any tick interval and any blocking call's bound. */
    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);
    /** Loading progress is measured over windows of this length. */
    private static final Duration STARTUP_WINDOW = Duration.ofSeconds(10);

    private final JobConfig config;
    private final WatcherContext ctx;
    private final SerialScheduler exec;
    private volatile java.util.concurrent.ScheduledFuture<?> readinessLoop;
    /** The pending tick, its sequence number and whether it has yet to run; owned by the watcher's thread. */
    private java.util.concurrent.ScheduledFuture<?> nextTick;
    private long tickSeq;
    private boolean tickPending;
    private final Probe liveness;
    private final Optional<Probe> readiness;
    private final Probe gate;
    private final ProbeConfig gateConfig;
    private final Optional<Probe> port;
    private final WatchHistory history = new WatchHistory();
    private final JobState job;
    private final ProcessLooks looks;
    private final Kickstarts kickstarts;

    private volatile JobView view;
    private volatile long lastTickNanos;
    private volatile LoadedPlist plist;
    private boolean closed;
    /** Disabled through {@link #disable()}: no probes, no restarts, no tick chain until {@link #enable()}. */
    private volatile boolean disabled;
    /**
     * Bumped when the tick chain is cut (disable, enable): a tick scheduled or a probe answered
     * under an older epoch is dropped, so no second chain survives a disable and enable.
     */
    private long epoch;

    JobWatcher(JobConfig config, WatcherContext ctx) {
        this.config = config;
        this.ctx = ctx;
        this.exec = new SerialScheduler(config.label(), ctx.timer(), ctx.workers());
        this.liveness = ctx.probes().apply(config.liveness().spec());
        this.readiness = config.readiness().map(r -> ctx.probes().apply(r.spec()));
        this.gateConfig = config.readiness().or(config::startup).orElse(config.liveness());
        this.gate = ctx.probes().apply(gateConfig.spec());
        this.port = config.ports().stream().findFirst()
                .map(p -> ctx.probes().apply(new ProbeSpec.Tcp(host(gateConfig.spec()), p)));
        this.job = new JobState(config.label(), ctx.clock().instant());
        this.looks = new ProcessLooks(config.label(), ctx.evidence(), ctx.metrics());
        this.kickstarts = new Kickstarts(config.label(), ctx.jobs(), ctx.clock());
        this.lastTickNanos = ctx.nanos().getAsLong();
        this.plist = LoadedPlist.of(plistPath(), ctx.clock().instant(), config.ports());
        publish();
    }

    private static String host(ProbeSpec spec) {
        return spec instanceof ProbeSpec.Http ? ((ProbeSpec.Http) spec).url().getHost().replace("[", "").replace("]", "")
                : ((ProbeSpec.Tcp) spec).host();
    }

    String label() {
        return config.label();
    }

    /**
     * True while this watcher's loop runs (or is deliberately stopped, for a disabled job): it ticked
     * within {@link #STALL_LIMIT}. Every state ticks
     * at least once a second, so a longer silence means its thread is stuck (a job-manager call that
     * never returns).
     */
    boolean ticking() {
        return disabled || ctx.nanos().getAsLong() - lastTickNanos < STALL_LIMIT.toNanos();
    }

    JobView view() {
        return view;
    }

    LoadedPlist plist() {
        return plist;
    }

    private java.nio.file.Path plistPath() {
        return ctx.plists().resolve(config.label() + ".plist");
    }

    void start() {
        if (ctx.spawns().fromEngine()) {
            ctx.spawns().subscribe(config.label(), (pid, at, how) -> {
                try {
                    exec.execute(() -> exited(pid, at));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // closed: nobody watches this job any more
                }
            });
        }
        exec.execute(this::adopt);
        readiness.ifPresent(r -> readinessLoop = exec.scheduleWithFixedDelay(this::readinessTick, 0,
                config.readiness().orElseThrow().interval().toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The job manager has just loaded this job: look now rather than at the next idle poll. */
    void nudge() {
        exec.execute(() -> {
            if (!closed && !disabled && job.state == HealthState.STOPPED) {
                epoch++;
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
            HealthState before = job.state;
            recoverWith("manual", "kickstart requested", Duration.ZERO, false);
            if (job.retry == null) {
                return view;
            }
            RecoveryRetry failed = job.retry;
            if (before == HealthState.STOPPED || before == HealthState.QUARANTINED) {
                job.retry = null;
                job.respawn = null;
                move(before);
                later(IDLE_POLL);
                throw new JobManagerException(config.label(), "could not be kickstarted: " + failed.lastError());
            }
            throw new JobManagerException(config.label(), "could not be kickstarted, retrying in "
                    + failed.delay().toSeconds() + " s: " + failed.lastError());
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
            epoch++;
            if (job.state == HealthState.QUARANTINED) {
                ctx.metrics().quarantined(config.label(), false);
            }
            job.respawn = null;
            job.retry = null;
            job.pid = 0;
            job.resetLiveness();
            move(HealthState.STOPPED);
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
            if (!ctx.jobs().status(config.label()).loaded()) {
                ctx.jobs().bootstrap(plistPath());
                plist = LoadedPlist.of(plistPath(), ctx.clock().instant(), config.ports());
            }
            if (disabled) {
                disabled = false;
                epoch++;
                log.info("Job enabled job={}", config.label());
                pollStopped();
            }
            return view;
        }, exec);
    }

    private void adopt() {
        JobStatus status = ctx.jobs().status(config.label());
        if (status.running()) {
            trackRun(status);
            move(HealthState.STARTING);
        } else if (endedUnseen(status)) {
            return;
        }
        publish();
        later(Duration.ZERO);
    }

    /**
     * A probe callback that cannot end the tick chain silently: a failure is logged and the watcher
     * looks again after the idle poll, instead of dying inside a future nobody reads.
     */
    private <T> java.util.function.Consumer<T> guarded(java.util.function.Consumer<T> step) {
        return value -> {
            try {
                step.accept(value);
            } catch (RuntimeException e) {
                log.error("Watcher step failed, looking again in {} ms job={}: {}", IDLE_POLL.toMillis(),
                        config.label(), e.toString(), e);
                later(IDLE_POLL);
            }
        };
    }

    private void tick() {
        if (closed || disabled) {
            return;
        }
        lastTickNanos = ctx.nanos().getAsLong();
        try {
            step();
        } catch (RuntimeException e) {
            log.error("Watcher step failed, looking again in {} ms job={}: {}", IDLE_POLL.toMillis(), config.label(),
                    e.toString(), e);
            later(IDLE_POLL);
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
                    retryTick();
                } else {
                    startupTick();
                }
                break;
            case READY:
            case SUSPECT:
                livenessTick();
                break;
            case WEDGED:
                recoverWith("wedge", job.wedgeEvidence, Duration.ZERO, true);
                break;
            case QUARANTINED:
                quarantineTick();
                break;
            default:
                later(IDLE_POLL);
        }
    }

    /**
     * Schedules the next tick, replacing one already pending: a watcher has exactly one tick chain.
     * A transition that wants to act at once (a crash, a verdict) calls this with zero.
     */
    private void later(Duration delay) {
        if (closed) {
            return;
        }
        if (nextTick != null) {
            nextTick.cancel(false);
        }
        long scheduledIn = epoch;
        long seq = ++tickSeq;
        tickPending = true;
        nextTick = exec.schedule(() -> {
            // Only the latest scheduled tick runs: a replaced one may already have been handed over.
            if (seq != tickSeq) {
                return;
            }
            tickPending = false;
            if (scheduledIn == epoch) {
                tick();
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The end of a probe round: schedule the next tick unless the round's outcome already did. */
    private void laterUnlessPending(Duration delay) {
        // Not the future's isDone(): the timer marks it done only after handing the tick over, and a
        // refused probe can call back before that.
        if (!tickPending) {
            later(delay);
        }
    }

    private void pollStopped() {
        JobStatus status = ctx.jobs().status(config.label());
        if (status.running()) {
            trackRun(status);
            job.startedAt = ctx.clock().instant();
            move(HealthState.STARTING);
            later(Duration.ZERO);
        } else if (!endedUnseen(status)) {
            later(IDLE_POLL);
        }
    }

    /**
     * A run that started and ended between two looks (a job that exits the moment it starts lives
     * a few ms, far less than any poll) is a crash all the same: the job manager's run count moved
     * while no process is left. Without this a crash loop would never reach the storm guard.
     * Returns true when it handled one; the crash path schedules the next tick.
     */
    private boolean endedUnseen(JobStatus status) {
        if (status.runs() < job.seenRuns) {
            // Booted out and loaded again: the job manager counts runs from zero since the load.
            job.seenRuns = 0;
        }
        if (status.running() || status.runs() <= job.seenRuns || status.lastExit().isEmpty()) {
            return false;
        }
        long unseen = status.runs() - job.seenRuns;
        job.seenRuns = status.runs();
        job.pid = 0;
        crashed("an instance exited before it was seen (" + unseen + " run" + (unseen == 1 ? "" : "s")
                + " since the last one seen)", ctx.clock().instant());
        return true;
    }

    /** Tracks the instance {@code status} reports and remembers its run count. */
    private void trackRun(JobStatus status) {
        job.seenRuns = Math.max(job.seenRuns, status.runs());
        track(status.pid().getAsLong());
    }

    /** STARTING and RECOVERING: find the new instance, see its port open, wait for its first ready answer. */
    private void startupTick() {
        long tickStart = ctx.nanos().getAsLong();
        boolean recovering = job.state == HealthState.RECOVERING;
        Duration interval = recovering || job.respawn != null ? config.recovery().fastInterval() : gateConfig.interval();
        if (job.pid != 0 && looks.gone(job.pid)) {
            processGone("process " + job.pid + " exited before it was ready");
            return;
        }
        if (job.pid == 0 && !findInstance()) {
            later(interval);
            return;
        }
        if (job.respawn != null && !job.respawn.portOpen() && port.isPresent()) {
            port.get().attempt(gateConfig.timeout()).thenAcceptAsync(guarded(r -> {
                if (r.up() && job.respawn != null) {
                    job.respawn.portOpened(ctx.clock().instant());
                }
            }), exec);
        }
        long attemptEpoch = epoch;
        gate.attempt(gateConfig.timeout()).thenAcceptAsync(guarded(r -> {
            if (attemptEpoch != epoch) {
                return;
            }
            job.gateFailures = r.up() ? 0 : job.gateFailures + 1;
            record(gateRole(), r, job.gateFailures);
            if (job.state != HealthState.STARTING && job.state != HealthState.RECOVERING) {
                return;
            }
            if (r.up()) {
                becameReady();
                laterUnlessPending(remaining(interval, tickStart));
            } else {
                judgeStartup().thenRun(() -> laterUnlessPending(remaining(interval, tickStart)));
            }
        }), exec);
    }

    private String gateRole() {
        return config.readiness().isPresent() ? "readiness" : config.startup().isPresent() ? "startup" : "liveness";
    }

    /** Looks for the job's process; nudges a job that nobody respawns. Returns true once one runs. */
    private boolean findInstance() {
        JobStatus status = ctx.jobs().status(config.label());
        // The job manager may still report the old instance for a moment after a kill.
        if (status.running() && (job.respawn == null || !job.respawn.isOld(status.pid().getAsLong()))) {
            trackRun(status);
            return true;
        }
        if (job.state == HealthState.RECOVERING && endedUnseen(status)) {
            return false;
        }
        Duration waiting = Duration.between(job.startedAt, ctx.clock().instant());
        if (job.state == HealthState.RECOVERING && status.running() && waiting.compareTo(RESPAWN_NUDGE) > 0
                && !looks.gone(status.pid().getAsLong())) {
            // Still the instance this recovery replaces, and not known to be gone (a kill that did
            // not take, an end misread): waiting for a respawn would park the job unprobed.
            job.retry = kickstarts.failed(job.respawn.cause(), true, Optional.ofNullable(job.retry),
                    "the job manager still runs the instance " + status.pid().getAsLong() + " this recovery replaces");
            return false;
        }
        if (job.state == HealthState.RECOVERING && !job.nudged && waiting.compareTo(RESPAWN_NUDGE) > 0
                && status.throttledUntil().isEmpty()) {
            job.nudged = true;
            log.info("No respawn by the job manager, kickstarting job={}", config.label());
            kickstartFor(job.respawn == null ? "respawn" : job.respawn.cause(), false);
        }
        return false;
    }

    /**
     * Judges a start that is not ready yet. Past the budget, a process that still answers liveness
     * is alive but not ready: readiness alone never restarts anything, so it is left running. Only
     * {@code failureThreshold} consecutive liveness failures make it wedged, as for a running job.
     */
    private CompletableFuture<Void> judgeStartup() {
        if (!(looks.sample(job.pid) instanceof ProcessEvidence.Alive alive)) {
            return CompletableFuture.completedFuture(null);
        }
        ProcessSample now = alive.sample();
        if (job.startupWindow == null || nanosSince(job.startupWindow) > STARTUP_WINDOW.toNanos()) {
            job.startupWindow = job.startupWindow == null ? now : job.startupWindowNext;
            job.startupWindowNext = now;
        }
        Duration elapsed = Duration.between(job.startedAt, ctx.clock().instant());
        Duration budget = job.state == HealthState.RECOVERING ? config.recovery().readyBudget() : config.startupBudget();
        Verdict v = ctx.judge().startup(elapsed, budget, job.startupWindow, now);
        if (!v.isWedged()) {
            return CompletableFuture.completedFuture(null);
        }
        if (now.stopped() || gate == liveness) {
            wedged(v.evidence(), Duration.ZERO);
            return CompletableFuture.completedFuture(null);
        }
        return liveness.attempt(config.liveness().timeout()).thenAcceptAsync(guarded(r -> {
            if (job.state != HealthState.STARTING && job.state != HealthState.RECOVERING) {
                return;
            }
            if (r.up()) {
                job.livenessFailures = 0;
                if (!job.aliveNotReadyLogged) {
                    job.aliveNotReadyLogged = true;
                    log.warn("Job alive but not ready past its startup budget, left running job={} ready_probe=\"{}\"",
                            config.label(), history.lastProbes().get(gateRole()).detail());
                }
            } else if (++job.livenessFailures >= config.liveness().failureThreshold()) {
                wedged(v.evidence() + "; liveness failed " + job.livenessFailures + " times, last "
                        + r.outcome().tag() + ": " + r.detail(), Duration.ZERO);
            }
        }), exec);
    }

    private long nanosSince(ProcessSample s) {
        return ctx.nanos().getAsLong() - s.atNanos();
    }

    private void becameReady() {
        Instant now = ctx.clock().instant();
        if (job.respawn != null) {
            RespawnRecord record = job.respawn.finish(now);
            history.respawn(record);
            ctx.metrics().respawned(config.label(), record.total());
            log.info("Job ready again job={} cause={} respawn_ms={} pid={}", config.label(), record.cause(),
                    record.total().toMillis(), job.pid);
            job.respawn = null;
        } else {
            log.info("Job ready job={} pid={}", config.label(), job.pid);
        }
        ctx.storm().recovered(config.label());
        job.resetLiveness();
        move(HealthState.READY);
    }

    /** READY and SUSPECT: one liveness attempt, then the verdict from its result and the process. */
    private void livenessTick() {
        long tickStart = ctx.nanos().getAsLong();
        if (looks.gone(job.pid)) {
            processGone("process " + job.pid + " is gone");
            return;
        }
        Instant attemptAt = ctx.clock().instant();
        long attemptEpoch = epoch;
        liveness.attempt(config.liveness().timeout()).thenAcceptAsync(guarded(r -> {
            if (attemptEpoch != epoch) {
                return;
            }
            if (job.state == HealthState.READY || job.state == HealthState.SUSPECT) {
                onLiveness(r, attemptAt);
            }
            laterUnlessPending(remaining(config.liveness().interval(), tickStart));
        }), exec);
    }

    private void onLiveness(ProbeResult r, Instant attemptAt) {
        if (r.up()) {
            record("liveness", r, 0);
            job.livenessFailures = 0;
            if (job.state == HealthState.SUSPECT && ++job.suspectSuccesses >= config.liveness().successThreshold()) {
                log.info("Liveness answers again job={}", config.label());
                job.resetLiveness();
                move(HealthState.READY);
            }
            return;
        }
        job.suspectSuccesses = 0;
        job.livenessFailures++;
        record("liveness", r, job.livenessFailures);
        if (job.livenessFailures == 1) {
            job.firstFailureAt = attemptAt;
        }
        ProcessEvidence.Sample sample = looks.sample(job.pid);
        if (sample instanceof ProcessEvidence.Gone) {
            processGone("process " + job.pid + " is gone");
            return;
        }
        // Unknown: the failure counts toward the threshold, but no verdict, and no CPU window opens.
        Verdict v = sample instanceof ProcessEvidence.Alive alive ? judgeLiveness(r, alive.sample())
                : new Verdict(Verdict.Kind.WAIT, "process evidence unknown");
        if (v.isWedged()) {
            wedged(v.evidence(), Duration.between(job.firstFailureAt, ctx.clock().instant()));
            return;
        }
        if (job.state == HealthState.READY) {
            log.debug("Liveness failing job={} outcome={} detail={}", config.label(), r.outcome().tag(), r.detail());
            move(HealthState.SUSPECT);
        }
        if (v.kind() == Verdict.Kind.GRACE && !job.graceLogged) {
            job.graceLogged = true;
            log.info("Liveness failing but process busy, giving grace job={} evidence=\"{}\"", config.label(), v.evidence());
        }
    }

    /**
     * The verdict on failing liveness from a readable sample. The case's CPU window opens at its
     * first readable sample: when the samples before were unknown, this one opens it and the verdict
     * waits for the next (a window of no time reads as no CPU progress), unless the process is stopped.
     */
    private Verdict judgeLiveness(ProbeResult r, ProcessSample now) {
        boolean opening = job.firstFailure == null;
        if (opening) {
            job.firstFailure = now;
        }
        if (opening && job.livenessFailures > 1 && !now.stopped()) {
            return new Verdict(Verdict.Kind.WAIT, "process evidence readable again; CPU measured from now");
        }
        boolean answered = r.outcome() == dev.launchguard.probe.Outcome.DOWN;
        return ctx.judge().liveness(job.livenessFailures, config.liveness().failureThreshold(), answered,
                job.firstFailure, now, config.recovery().overloadGrace());
    }

    private void readinessTick() {
        if (closed || (job.state != HealthState.READY && job.state != HealthState.SUSPECT)) {
            return;
        }
        readiness.orElseThrow().attempt(config.readiness().orElseThrow().timeout()).thenAcceptAsync(guarded(r -> {
            ProbeView last = history.lastProbes().get("readiness");
            int failures = r.up() ? 0 : last == null ? 1 : last.consecutiveFailures() + 1;
            record("readiness", r, failures);
        }), exec);
    }

    private void wedged(String evidence, Duration detection) {
        move(HealthState.WEDGED);
        ctx.metrics().wedgeDetected(config.label(), detection);
        log.warn("Job wedged job={} pid={} detection_ms={} evidence=\"{}\"", config.label(), job.pid,
                detection.toMillis(), evidence);
        job.wedgeEvidence = evidence;
        job.respawn = new RespawnTracker("wedge", ctx.clock().instant(), detection, pidOf(job.pid));
        recoverWith("wedge", evidence, detection, true);
    }

    private void crashed(String detail, Instant exitAt) {
        JobStatus status = ctx.jobs().status(config.label());
        String evidence = detail + termination(status).map(t -> " (" + t + ")").orElse("");
        log.warn("Job crashed job={} pid={} evidence=\"{}\"", config.label(), job.pid, evidence);
        move(HealthState.CRASHED);
        history.restart(new RestartRecord(exitAt, "crash", evidence, pidOf(job.pid)));
        ctx.metrics().restarted(config.label(), "crash");
        job.respawn = new RespawnTracker("crash", exitAt, Duration.ZERO, pidOf(job.pid));
        job.respawn.killDone(exitAt);
        job.pid = 0;
        switch (ctx.storm().beforeRestart(config.label(), false)) {
            case QUARANTINE:
                quarantine(evidence);
                return;
            default:
                job.startedAt = ctx.clock().instant();
                job.nudged = false;
                move(HealthState.RECOVERING);
                later(Duration.ZERO);
        }
    }

    /**
     * How the current instance ended: the engine's exit event for it, else the job manager's last
     * exit, unless the job manager still reports that very instance (its last exit is then the
     * previous run's).
     */
    private Optional<Termination> termination(JobStatus status) {
        long pid = job.pid;
        Optional<Termination> event = pid == 0 ? Optional.empty() : ctx.spawns().terminationOf(pid);
        if (event.isPresent()) {
            return event;
        }
        boolean stale = pid != 0 && status.pid().isPresent() && status.pid().getAsLong() == pid;
        return stale ? Optional.empty() : status.lastExit();
    }

    /**
     * Kills the running instance and starts a new one through the job manager, if the storm guard
     * allows. {@code guarded} is false only for a manual kickstart, which an operator asked for.
     */
    private void recoverWith(String reason, String evidence, Duration detection, boolean guarded) {
        if (guarded) {
            switch (ctx.storm().beforeRestart(config.label(), true)) {
                case QUARANTINE:
                    quarantine(evidence);
                    return;
                case DEFERRED:
                    later(IDLE_POLL);
                    return;
                default:
                    break;
            }
        }
        Instant now = ctx.clock().instant();
        OptionalLong old = pidOf(job.pid);
        if (job.respawn == null) {
            job.respawn = new RespawnTracker(reason, now, detection, old);
        }
        history.restart(new RestartRecord(now, reason, evidence, old));
        ctx.metrics().restarted(config.label(), reason);
        log.info("Restarting job={} reason={} pid={}", config.label(), reason, job.pid);
        job.retry = null;
        if (kickstartFor(reason, true)) {
            afterKickstart(old);
        } else {
            move(HealthState.RECOVERING);
            later(Duration.ZERO);
        }
    }

    /**
     * Asks the job manager to start the job for a recovery. A failure leaves a retry due after the
     * back-off ({@link RecoveryRetry}); the caller keeps the job RECOVERING, where {@link #retryTick}
     * probes its ready gate meanwhile. Returns true when the kickstart went through.
     */
    private boolean kickstartFor(String reason, boolean kill) {
        Optional<RecoveryRetry> failed = kickstarts.kickstart(reason, kill, Optional.ofNullable(job.retry));
        failed.ifPresent(retry -> job.retry = retry);
        return failed.isEmpty();
    }

    /** The kickstart went through: the old instance is (being) replaced; find the new one, probing fast. */
    private void afterKickstart(OptionalLong old) {
        job.retry = null;
        if (old.isPresent() && job.respawn != null && looks.gone(old.getAsLong())) {
            job.respawn.killDone(ctx.clock().instant());
        }
        job.pid = 0;
        job.startedAt = ctx.clock().instant();
        job.nudged = true;
        job.resetLiveness();
        move(HealthState.RECOVERING);
        later(Duration.ZERO);
    }

    /**
     * RECOVERING after a failed kickstart: the ready gate is probed on its own schedule, so an
     * instance the job manager reports that answers brings the job back, and the kickstart is tried
     * again once its back-off is over.
     */
    private void retryTick() {
        long tickStart = ctx.nanos().getAsLong();
        long attemptEpoch = epoch;
        gate.attempt(gateConfig.timeout()).thenAcceptAsync(guarded(r -> {
            if (attemptEpoch != epoch || job.retry == null || job.state != HealthState.RECOVERING) {
                return;
            }
            job.gateFailures = r.up() ? 0 : job.gateFailures + 1;
            record(gateRole(), r, job.gateFailures);
            Optional<JobStatus> running = kickstarts.running();
            if (running.isPresent() && (r.up() || !isOld(running.get()))) {
                resume(running.get(), r.up());
            } else if (job.retry.due(ctx.clock().instant())) {
                RecoveryRetry retry = job.retry;
                if (kickstartFor(retry.reason(), retry.kill())) {
                    log.info("Recovery went through on retry job={} reason={} attempt={}", config.label(),
                            retry.reason(), retry.failures() + 1);
                    afterKickstart(job.respawn == null ? OptionalLong.empty() : job.respawn.oldPid());
                }
            }
            laterUnlessPending(remaining(gateConfig.interval(), tickStart));
        }), exec);
    }

    private boolean isOld(JobStatus status) {
        return job.respawn != null && job.respawn.isOld(status.pid().getAsLong());
    }

    /**
     * While a recovery waits for its retry, the job manager reports a running instance: a new one
     * (the kickstart went through after all, or KeepAlive respawned the job), or the old one,
     * answering its ready gate: the kill never happened and the recovery ends without a restart.
     */
    private void resume(JobStatus status, boolean answered) {
        RecoveryRetry retry = job.retry;
        job.retry = null;
        if (isOld(status)) {
            log.info("Job answers again, recovery dropped job={} pid={} attempts={}", config.label(),
                    status.pid().getAsLong(), retry.failures());
            job.respawn = null;
        }
        trackRun(status);
        job.startedAt = ctx.clock().instant();
        job.nudged = true;
        if (answered) {
            becameReady();
        } else {
            later(Duration.ZERO);
        }
    }

    /** Too many restarts: stop the job so it cannot loop, alert, and retry once after the backoff. */
    private void quarantine(String evidence) {
        move(HealthState.QUARANTINED);
        ctx.metrics().quarantined(config.label(), true);
        log.error("ALERT job quarantined: storm guard tripped, restarts stopped job={} restarts_max={} window_s={} evidence=\"{}\"",
                config.label(), config.storm().maxRestarts(), config.storm().window().toSeconds(), evidence);
        job.respawn = null;
        job.retry = null;
        try {
            ctx.jobs().bootout(config.label());
        } catch (RuntimeException e) {
            log.error("Quarantined job could not be stopped job={}: {}", config.label(), e.getMessage());
        }
        job.pid = 0;
        later(IDLE_POLL);
    }

    private void quarantineTick() {
        if (!ctx.storm().retryDue(config.label())) {
            later(IDLE_POLL);
            return;
        }
        log.info("Quarantine backoff over, trying the job once more job={}", config.label());
        if (ctx.storm().beforeRestart(config.label(), true) != dev.launchguard.recovery.RestartDecision.ALLOWED) {
            later(IDLE_POLL);
            return;
        }
        try {
            ctx.jobs().bootstrap(plistPath());
            plist = LoadedPlist.of(plistPath(), ctx.clock().instant(), config.ports());
        } catch (RuntimeException e) {
            log.error("Quarantine retry could not load the job job={}: {}", config.label(), e.getMessage());
            later(IDLE_POLL);
            return;
        }
        ctx.metrics().quarantined(config.label(), false);
        job.respawn = new RespawnTracker("quarantine-retry", ctx.clock().instant(), Duration.ZERO, OptionalLong.empty());
        job.startedAt = ctx.clock().instant();
        job.nudged = false;
        move(HealthState.RECOVERING);
        later(Duration.ZERO);
    }

    /** Adopts {@code pid} as the current instance and watches for its exit. */
    private void track(long pid) {
        if (pid == job.pid) {
            return;
        }
        job.pid = pid;
        job.goneChecks = 0;
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (job.respawn != null) {
            job.respawn.spawned(pid, ctx.spawns().spawnedAt(pid).orElse(ctx.clock().instant()));
        }
        // The embedded engine reports exits as events (subscribed in start()); for launchd's jobs the
        // JDK polls the PID, and the liveness tick's presence check is often the faster path.
        if (!ctx.spawns().fromEngine()) {
            handle.ifPresent(h -> h.onExit().thenRunAsync(
                    () -> exited(pid, ctx.spawns().exitedAt(pid).orElse(ctx.clock().instant())), exec));
        }
    }

    /**
     * The current instance is no longer alive. The embedded engine's exit event, which carries the
     * exit status, is usually a moment behind a liveness check: wait for it briefly, then count the
     * crash either way.
     */
    private void processGone(String detail) {
        if (ctx.spawns().fromEngine() && ctx.spawns().exitedAt(job.pid).isEmpty() && ++job.goneChecks < GONE_CHECKS) {
            later(GONE_RECHECK);
            return;
        }
        crashed(detail, ctx.spawns().exitedAt(job.pid).orElse(ctx.clock().instant()));
    }

    /** The exit of {@code pid}: the old instance of a recovery is gone, or the current one crashed. */
    private void exited(long pid, Instant at) {
        if (closed) {
            return;
        }
        if (job.respawn != null && job.respawn.isOld(pid)) {
            job.respawn.killDone(at);
            return;
        }
        if (pid == job.pid && (job.state == HealthState.READY || job.state == HealthState.SUSPECT
                || job.state == HealthState.STARTING || job.state == HealthState.RECOVERING)) {
            crashed("process " + pid + " exited", at);
        }
    }

    private static OptionalLong pidOf(long pid) {
        return pid == 0 ? OptionalLong.empty() : OptionalLong.of(pid);
    }

    private Duration remaining(Duration interval, long startNanos) {
        long left = interval.toNanos() - (ctx.nanos().getAsLong() - startNanos);
        return Duration.ofNanos(Math.max(0, left));
    }

    private void record(String role, ProbeResult r, int consecutiveFailures) {
        ctx.metrics().probeFinished(config.label(), role, r);
        history.probe(role, new ProbeView(targetOf(role), r.outcome(), ctx.clock().instant(), r.duration(), r.status(),
                r.detail(), consecutiveFailures));
        publish();
    }

    private String targetOf(String role) {
        switch (role) {
            case "liveness":
                return liveness.target();
            case "readiness":
                return readiness.map(Probe::target).orElse(gate.target());
            default:
                return gate.target();
        }
    }

    private void move(HealthState next) {
        if (job.state == next) {
            return;
        }
        job.state = job.state.check(config.label(), next);
        job.since = ctx.clock().instant();
        ctx.metrics().jobState(config.label(), next);
        if (next != HealthState.SUSPECT) {
            log.info("Job state changed job={} state={}", config.label(), next.tag());
        }
        publish();
    }

    private void publish() {
        view = new JobView(config.label(), job.state, job.since, pidOf(job.pid), history.lastProbes(),
                history.restarts(), history.respawns());
    }

    @Override
    public void close() {
        ctx.spawns().unsubscribe(config.label());
        java.util.concurrent.ScheduledFuture<?> loop = readinessLoop;
        if (loop != null) {
            loop.cancel(false);
        }
        try {
            exec.execute(() -> closed = true);
            if (!exec.close(CLOSE_WAIT.toMillis())) {
                log.warn("Watcher still busy at close job={}", config.label());
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // already closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
