package dev.launchguard.supervisor;

import dev.launchguard.config.JobConfig;
import dev.launchguard.config.ProbeConfig;
import dev.launchguard.health.HealthState;
import dev.launchguard.health.ProcessSample;
import dev.launchguard.health.Verdict;
import dev.launchguard.job.JobStatus;
import dev.launchguard.job.Termination;
import dev.launchguard.probe.Probe;
import dev.launchguard.probe.ProbeResult;
import dev.launchguard.probe.ProbeSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one job: probes it, judges it, recovers it and measures the respawn.
 *
 * <p>Threads and ownership: each watcher has one scheduler thread that owns every mutable field.
 * Probe results arrive on Netty's event loops and hop back onto it; blocking job-manager calls
 * (kill, kickstart, bootout) also run on it, so a slow recovery of one job never delays another
 * job's probes. Other threads only read {@link #view()}, a snapshot replaced whole.
 */
final class JobWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobWatcher.class);
    /** How often a stopped or quarantined job is looked at again. */
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    /** A job that shows no process this long into a recovery, and is not throttled, is kickstarted. */
    private static final Duration RESPAWN_NUDGE = Duration.ofSeconds(2);
    /** The engine's exit event lands within microseconds of the JDK's; 20 polls of 5 ms bound the wait. */
    private static final Duration EXIT_EVENT_POLL = Duration.ofMillis(5);
    private static final int EXIT_EVENT_WAITS = 20;
    /** Loading progress is measured over windows of this length. */
    private static final Duration STARTUP_WINDOW = Duration.ofSeconds(10);

    private final JobConfig config;
    private final WatcherContext ctx;
    private final ScheduledExecutorService exec;
    private final Probe liveness;
    private final Optional<Probe> readiness;
    private final Probe gate;
    private final ProbeConfig gateConfig;
    private final Optional<Probe> port;
    private final WatchHistory history = new WatchHistory();
    private final JobState job;

    private volatile JobView view;
    private boolean closed;

    JobWatcher(JobConfig config, WatcherContext ctx) {
        this.config = config;
        this.ctx = ctx;
        this.exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watch-" + config.label());
            t.setDaemon(true);
            return t;
        });
        this.liveness = ctx.prober().probeFor(config.liveness().spec());
        this.readiness = config.readiness().map(r -> ctx.prober().probeFor(r.spec()));
        this.gateConfig = config.readiness().or(config::startup).orElse(config.liveness());
        this.gate = ctx.prober().probeFor(gateConfig.spec());
        this.port = config.ports().stream().findFirst()
                .map(p -> ctx.prober().probeFor(new ProbeSpec.Tcp(host(gateConfig.spec()), p)));
        this.job = new JobState(config.label(), ctx.clock().instant());
        publish();
    }

    private static String host(ProbeSpec spec) {
        return spec instanceof ProbeSpec.Http ? ((ProbeSpec.Http) spec).url().getHost().replace("[", "").replace("]", "")
                : ((ProbeSpec.Tcp) spec).host();
    }

    String label() {
        return config.label();
    }

    JobView view() {
        return view;
    }

    void start() {
        exec.execute(this::adopt);
        readiness.ifPresent(r -> exec.scheduleWithFixedDelay(this::readinessTick, 0,
                config.readiness().orElseThrow().interval().toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Runs a manual kickstart on this watcher's thread. */
    CompletableFuture<JobView> kickstart() {
        return CompletableFuture.supplyAsync(() -> {
            recoverWith("manual", "kickstart requested", Duration.ZERO, false);
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
        exec.execute(this::tick);
    }

    private void tick() {
        if (closed) {
            return;
        }
        switch (job.state) {
            case STOPPED:
                pollStopped();
                break;
            case STARTING:
            case RECOVERING:
                startupTick();
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

    private void later(Duration delay) {
        if (!closed) {
            exec.schedule(this::tick, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void pollStopped() {
        JobStatus status = ctx.jobs().status(config.label());
        if (status.running()) {
            trackRun(status);
            job.startedAt = ctx.clock().instant();
            move(HealthState.STARTING);
            exec.execute(this::tick);
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
        if (job.pid != 0 && !alive(job.pid)) {
            crashed("process " + job.pid + " exited before it was ready", ctx.clock().instant());
            return;
        }
        if (job.pid == 0 && !findInstance()) {
            later(interval);
            return;
        }
        if (job.respawn != null && !job.respawn.portOpen() && port.isPresent()) {
            port.get().attempt(gateConfig.timeout()).thenAcceptAsync(r -> {
                if (r.up() && job.respawn != null) {
                    job.respawn.portOpened(ctx.clock().instant());
                }
            }, exec);
        }
        gate.attempt(gateConfig.timeout()).thenAcceptAsync(r -> {
            record(gateRole(), r, 0);
            if (job.state != HealthState.STARTING && job.state != HealthState.RECOVERING) {
                return;
            }
            if (r.up()) {
                becameReady();
            } else {
                judgeStartup();
            }
            later(remaining(interval, tickStart));
        }, exec);
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
        if (job.state == HealthState.RECOVERING && !job.nudged && waiting.compareTo(RESPAWN_NUDGE) > 0
                && status.throttledUntil().isEmpty()) {
            job.nudged = true;
            log.info("No respawn by the job manager, kickstarting job={}", config.label());
            ctx.jobs().kickstart(config.label(), false);
        }
        return false;
    }

    private void judgeStartup() {
        Optional<ProcessSample> now = ctx.evidence().sample(job.pid);
        if (now.isEmpty()) {
            return;
        }
        if (job.startupWindow == null || nanosSince(job.startupWindow) > STARTUP_WINDOW.toNanos()) {
            job.startupWindow = job.startupWindow == null ? now.get() : job.startupWindowNext;
            job.startupWindowNext = now.get();
        }
        Duration elapsed = Duration.between(job.startedAt, ctx.clock().instant());
        Duration budget = job.state == HealthState.RECOVERING ? config.recovery().readyBudget() : config.startupBudget();
        Verdict v = ctx.judge().startup(elapsed, budget, job.startupWindow, now.get());
        if (v.isWedged()) {
            wedged(v.evidence(), Duration.ZERO);
        }
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
        if (!alive(job.pid)) {
            crashed("process " + job.pid + " is gone", ctx.clock().instant());
            return;
        }
        Instant attemptAt = ctx.clock().instant();
        liveness.attempt(config.liveness().timeout()).thenAcceptAsync(r -> {
            if (job.state == HealthState.READY || job.state == HealthState.SUSPECT) {
                onLiveness(r, attemptAt);
            }
            later(remaining(config.liveness().interval(), tickStart));
        }, exec);
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
        Optional<ProcessSample> now = ctx.evidence().sample(job.pid);
        if (now.isEmpty()) {
            crashed("process " + job.pid + " is gone", ctx.clock().instant());
            return;
        }
        if (job.livenessFailures == 1) {
            job.firstFailure = now.get();
            job.firstFailureAt = attemptAt;
        }
        boolean answered = r.outcome() == dev.launchguard.probe.Outcome.DOWN;
        Verdict v = ctx.judge().liveness(job.livenessFailures, config.liveness().failureThreshold(), answered,
                job.firstFailure, now.get(), config.recovery().overloadGrace());
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

    private void readinessTick() {
        if (closed || (job.state != HealthState.READY && job.state != HealthState.SUSPECT)) {
            return;
        }
        readiness.orElseThrow().attempt(config.readiness().orElseThrow().timeout()).thenAcceptAsync(r -> {
            ProbeView last = history.lastProbes().get("readiness");
            int failures = r.up() ? 0 : last == null ? 1 : last.consecutiveFailures() + 1;
            record("readiness", r, failures);
        }, exec);
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
                exec.execute(this::tick);
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
        try {
            ctx.jobs().kickstart(config.label(), true);
        } catch (RuntimeException e) {
            log.error("Recovery failed, will retry job={} reason={}: {}", config.label(), reason, e.getMessage());
            later(IDLE_POLL);
            return;
        }
        if (old.isPresent() && !alive(old.getAsLong())) {
            job.respawn.killDone(ctx.clock().instant());
        }
        job.pid = 0;
        job.startedAt = ctx.clock().instant();
        job.nudged = true;
        job.resetLiveness();
        move(HealthState.RECOVERING);
        exec.execute(this::tick);
    }

    /** Too many restarts: stop the job so it cannot loop, alert, and retry once after the backoff. */
    private void quarantine(String evidence) {
        move(HealthState.QUARANTINED);
        ctx.metrics().quarantined(config.label(), true);
        log.error("ALERT job quarantined: storm guard tripped, restarts stopped job={} restarts_max={} window_s={} evidence=\"{}\"",
                config.label(), config.storm().maxRestarts(), config.storm().window().toSeconds(), evidence);
        job.respawn = null;
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
            ctx.jobs().bootstrap(ctx.plists().resolve(config.label() + ".plist"));
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
        exec.execute(this::tick);
    }

    /** Adopts {@code pid} as the current instance and watches for its exit. */
    private void track(long pid) {
        if (pid == job.pid) {
            return;
        }
        job.pid = pid;
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (job.respawn != null) {
            job.respawn.spawned(pid, ctx.spawns().spawnedAt(pid).orElse(ctx.clock().instant()));
        }
        // For a child of this JVM (the embedded engine's jobs) the exit is an event; for launchd's
        // jobs the JDK polls, and the liveness tick's alive() check is the faster path.
        handle.ifPresent(h -> h.onExit().thenRunAsync(() -> exited(pid, 0), exec));
    }

    /**
     * The exit of {@code pid}. For the embedded engine's own children the engine's exit event
     * (exact time, exit status) races this one; it is waited for, briefly, so the crash evidence
     * names this instance's status rather than the previous run's.
     */
    private void exited(long pid, int waits) {
        if (closed) {
            return;
        }
        boolean engineEvents = ctx.spawns().spawnedAt(pid).isPresent();
        if (engineEvents && ctx.spawns().exitedAt(pid).isEmpty() && waits < EXIT_EVENT_WAITS) {
            exec.schedule(() -> exited(pid, waits + 1), EXIT_EVENT_POLL.toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        Instant at = ctx.spawns().exitedAt(pid).orElse(ctx.clock().instant());
        if (job.respawn != null && job.respawn.isOld(pid)) {
            job.respawn.killDone(at);
            return;
        }
        if (pid == job.pid && (job.state == HealthState.READY || job.state == HealthState.SUSPECT
                || job.state == HealthState.STARTING || job.state == HealthState.RECOVERING)) {
            crashed("process " + pid + " exited", at);
        }
    }

    private static boolean alive(long pid) {
        return pid != 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
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
        exec.execute(() -> closed = true);
        exec.shutdown();
        try {
            if (!exec.awaitTermination(5, TimeUnit.SECONDS)) {
                exec.shutdownNow();
            }
        } catch (InterruptedException e) {
            exec.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
