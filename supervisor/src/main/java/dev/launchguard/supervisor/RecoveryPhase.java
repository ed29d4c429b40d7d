package dev.launchguard.supervisor;

import dev.launchguard.alert.SupervisorEvents;
import dev.launchguard.fleet.RespawnRecord;
import dev.launchguard.fleet.RestartRecord;
import dev.launchguard.health.HealthState;
import dev.launchguard.job.JobManager;
import dev.launchguard.job.JobStatus;
import dev.launchguard.job.Termination;
import dev.launchguard.metrics.Metrics;
import dev.launchguard.recovery.RecoveryRetry;
import dev.launchguard.recovery.RestartOutcome;
import dev.launchguard.recovery.RestartReason;
import dev.launchguard.recovery.Restarter;
import dev.launchguard.snapshot.Snapshotter;
import dev.launchguard.time.Moment;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a job's instance ends and the next one is found: a crash (an exit event, a process gone, a
 * run that ended unseen), a wedge verdict, a manual kickstart; the restart through the
 * {@link Restarter} and what its outcome leaves (a new instance to find, a retry to wait for, a
 * quarantine); the retry itself (RECOVERING with a pending retry); and the ready answer that ends a
 * respawn and measures it. Too many restarts hand the job to the {@link QuarantinePhase}.
 */
final class RecoveryPhase {

    /** The watcher's logger: a job's whole story reads under one name, whichever phase tells it. */
    private static final Logger log = LoggerFactory.getLogger(JobWatcher.class);
    /** How long, at most, a dead instance's exit event is waited for: 20 looks 5 ms apart. */
    private static final int GONE_CHECKS = 20;
    private static final Duration GONE_RECHECK = Duration.ofMillis(5);

    private final JobState job;
    private final TickChain ticks;
    private final JobProbes probes;
    private final Restarter restarter;
    private final QuarantinePhase quarantine;
    private final ProcessLooks looks;
    private final SpawnLog spawns;
    private final Metrics metrics;
    private final JobManager jobs;
    private final SupervisorEvents events;
    private final Snapshotter snapshots;

    RecoveryPhase(JobState job, TickChain ticks, JobProbes probes, Restarter restarter, QuarantinePhase quarantine,
            ProcessLooks looks, WatcherContext ctx) {
        this.job = job;
        this.ticks = ticks;
        this.probes = probes;
        this.restarter = restarter;
        this.quarantine = quarantine;
        this.looks = looks;
        this.spawns = ctx.spawns();
        this.metrics = ctx.metrics();
        this.jobs = ctx.jobs();
        this.events = ctx.events();
        this.snapshots = ctx.snapshots();
    }

    /** Tracks the instance {@code status} reports and remembers its run count. */
    void trackRun(JobStatus status) {
        job.seenRuns = Math.max(job.seenRuns, status.runs());
        long pid = status.pid().getAsLong();
        if (pid == job.pid) {
            return;
        }
        job.pid = pid;
        // An adopted instance (running before launchguard) was not spawned in our sight: ask the OS.
        job.startedAt = spawns.spawnedAt(pid).map(Moment::wall).or(() -> ProcessHandle.of(pid)
                .flatMap(h -> h.info().startInstant())).orElseGet(() -> job.now().wall());
        metrics.jobStarted(job.label(), job.startedAt);
        job.goneChecks = 0;
        if (job.respawn != null) {
            job.respawn.spawned(pid, spawns.spawnedAt(pid).orElseGet(job::now));
        }
    }

    /**
     * A run that started and ended between two looks (a job that exits the moment it starts lives
     * a few ms, far less than any poll) is a crash all the same: the job manager's run count moved
     * while no process is left. Without this a crash loop would never reach the storm guard.
     * Returns true when it handled one; the crash path schedules the next tick.
     */
    boolean endedUnseen(JobStatus status) {
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
                + " since the last one seen)", job.now());
        return true;
    }

    /**
     * The current instance is no longer alive. The job manager's exit event, which carries the exit
     * status when it knows it, is usually a moment behind a liveness check: wait for it briefly,
     * then count the crash either way.
     */
    void processGone(String detail) {
        if (spawns.exitedAt(job.pid).isEmpty() && ++job.goneChecks < GONE_CHECKS) {
            ticks.later(GONE_RECHECK);
            return;
        }
        crashed(detail, spawns.exitedAt(job.pid).orElseGet(job::now));
    }

    /** The exit of {@code pid}: the old instance of a recovery is gone, or the current one crashed. */
    void exited(long pid, Moment at) {
        if (job.respawn != null && job.respawn.isOld(pid)) {
            job.respawn.killDone(at);
            return;
        }
        if (pid == job.pid && (job.state == HealthState.READY || job.state == HealthState.SUSPECT
                || job.state == HealthState.STARTING || job.state == HealthState.RECOVERING)) {
            crashed("process " + pid + " exited", at);
        }
    }

    void wedged(String evidence, Duration detection) {
        job.move(HealthState.WEDGED, "judged wedged: " + evidence, null);
        metrics.wedgeDetected(job.label(), detection);
        log.warn("Job wedged job={} pid={} detection_ms={} evidence=\"{}\"", job.label(), job.pid,
                detection.toMillis(), evidence);
        job.wedgeEvidence = evidence;
        job.respawn = new RespawnTracker(RestartReason.WEDGE, job.now(), detection, job.currentPid());
        recover(RestartReason.WEDGE, evidence, detection, true);
    }

    private void crashed(String detail, Moment exitAt) {
        JobStatus status = jobs.status(job.label());
        String evidence = detail + termination(status).map(t -> " (" + t + ")").orElse("");
        log.warn("Job crashed job={} pid={} evidence=\"{}\"", job.label(), job.pid, evidence);
        job.move(HealthState.CRASHED);
        // The process is gone: its log tails and exit status are all there is left to keep.
        Optional<String> snapshot = snapshots.afterExit(job.label(), job.pid, RestartReason.CRASH.tag(), evidence);
        job.history().restart(new RestartRecord(exitAt.wall(), RestartReason.CRASH, evidence, job.currentPid(),
                snapshot));
        metrics.restarted(job.label(), RestartReason.CRASH, exitAt.wall());
        job.respawn = new RespawnTracker(RestartReason.CRASH, exitAt, Duration.ZERO, job.currentPid());
        job.respawn.killDone(exitAt);
        job.pid = 0;
        if (restarter.crashed().isPresent()) {
            quarantine.enter(evidence);
            return;
        }
        job.startNow();
        job.nudged = false;
        job.move(HealthState.RECOVERING, "respawning after a crash: " + evidence, null);
        ticks.later(Duration.ZERO);
    }

    /**
     * How the current instance ended: the exit event for it, else the job manager's last exit,
     * unless the job manager still reports that very instance (its last exit is then the previous
     * run's).
     */
    private Optional<Termination> termination(JobStatus status) {
        long pid = job.pid;
        Optional<Termination> event = pid == 0 ? Optional.empty() : spawns.terminationOf(pid);
        if (event.isPresent()) {
            return event;
        }
        boolean stale = pid != 0 && status.pid().isPresent() && status.pid().getAsLong() == pid;
        return stale ? Optional.empty() : status.lastExit();
    }

    /**
     * Replaces the running instance through the restarter. {@code guarded} is false only for a
     * manual kickstart, which an operator asked for.
     */
    void recover(RestartReason reason, String evidence, Duration detection, boolean guarded) {
        Optional<RestartOutcome> refused = restarter.refused(guarded);
        if (refused.isPresent()) {
            if (refused.get() instanceof RestartOutcome.Quarantined) {
                quarantine.enter(evidence);
            } else {
                metrics.restartDeferred(job.label());
                events.restartDeferred(job.label());
                ticks.later(TickChain.IDLE_POLL);
            }
            return;
        }
        if (guarded) {
            events.restartAllowed(job.label());
        }
        Moment now = job.now();
        OptionalLong old = job.currentPid();
        if (job.respawn == null) {
            job.respawn = new RespawnTracker(reason, now, detection, old);
        }
        // Before the kill, on this thread, within the snapshot budget: the evidence dies with the process.
        Optional<String> snapshot = old.isPresent()
                ? snapshots.beforeKill(job.label(), old.getAsLong(), reason.tag(), evidence) : Optional.empty();
        job.history().restart(new RestartRecord(now.wall(), reason, evidence, old, snapshot));
        metrics.restarted(job.label(), reason, now.wall());
        log.info("Restarting job={} reason={} pid={}", job.label(), reason.tag(), job.pid);
        job.retry = null;
        took(restarter.kickstart(reason), old, "replacing the instance (" + reason.tag() + "): " + evidence);
    }

    /**
     * A kickstart went through, or failed and left a retry: act on it. {@code why} is the reason
     * RECOVERING shows from its first snapshot on.
     */
    private void took(RestartOutcome outcome, OptionalLong old, String why) {
        if (outcome instanceof RestartOutcome.RetryPending pending) {
            retryLeft(pending.retry());
            job.move(HealthState.RECOVERING, retryText(), null);
            ticks.later(Duration.ZERO);
            return;
        }
        // The old instance is (being) replaced: find the new one, probing fast.
        job.retry = null;
        if (old.isPresent() && job.respawn != null && looks.gone(old.getAsLong())) {
            job.respawn.killDone(job.now());
        }
        job.pid = 0;
        job.startNow();
        job.nudged = true;
        job.resetLiveness();
        job.move(HealthState.RECOVERING, why, null);
        ticks.later(Duration.ZERO);
    }

    /**
     * Nothing respawned the instance this recovery waits for: kickstart it without a kill. A failure
     * leaves the retry; the job stays RECOVERING either way.
     */
    void respawn() {
        RestartReason reason = job.respawn == null ? RestartReason.RESPAWN : job.respawn.cause();
        RestartOutcome outcome = restarter.respawn(reason, Optional.ofNullable(job.retry));
        if (outcome instanceof RestartOutcome.RetryPending pending) {
            retryLeft(pending.retry());
        }
    }

    /** An attempt failed and left {@code retry}: kept for its back-off, and told (one alert after N in a row). */
    private void retryLeft(RecoveryRetry retry) {
        job.retry = retry;
        events.restartFailed(job.label(), retry.failures(), retry.lastError());
        if (job.state == HealthState.RECOVERING) {
            explainRetry();
        }
    }

    /** The instance this recovery replaces still runs, and is not known to be gone: a kill that did not take. */
    void oldStillRuns(long pid) {
        retryLeft(restarter.failed(job.respawn.cause(), true, Optional.ofNullable(job.retry),
                "the job manager still runs the instance " + pid + " this recovery replaces"));
    }

    /**
     * RECOVERING after a failed kickstart: the ready gate is probed on its own schedule, so an
     * instance the job manager reports that answers brings the job back, and the kickstart is tried
     * again once its back-off is over.
     */
    void retryTick() {
        long tickStart = job.nanos();
        long attemptEpoch = ticks.epoch();
        probes.gate().attempt(probes.gateConfig().timeout()).thenAcceptAsync(ticks.guarded(r -> {
            if (!ticks.current(attemptEpoch) || job.retry == null || job.state != HealthState.RECOVERING) {
                return;
            }
            job.gateFailures = r.up() ? 0 : job.gateFailures + 1;
            job.record(probes.gateRole(), r, job.gateFailures);
            Optional<JobStatus> running = restarter.running();
            if (running.isPresent() && (r.up() || !isOld(running.get()))) {
                resume(running.get(), r.up());
            } else if (job.retry.due(job.nanos())) {
                RecoveryRetry retry = job.retry;
                RestartOutcome outcome = restarter.retry(retry);
                if (outcome instanceof RestartOutcome.RetryPending pending) {
                    retryLeft(pending.retry());
                } else {
                    log.info("Recovery went through on retry job={} reason={} attempt={}", job.label(),
                            retry.reason().tag(), retry.failures() + 1);
                    took(outcome, job.respawn == null ? OptionalLong.empty() : job.respawn.oldPid(),
                            "replacing the instance (" + retry.reason().tag() + "), attempt " + (retry.failures() + 1)
                                    + " went through");
                }
            }
            ticks.laterUnlessPending(job.remaining(probes.gateConfig().interval(), tickStart));
        }), ticks.executor());
    }

    private void explainRetry() {
        job.explain(retryText(), null);
    }

    private String retryText() {
        return "the job manager failed to restart it (attempt " + job.retry.failures() + "), retrying in "
                + Math.max(1, job.retry.delay().toSeconds()) + " s: " + job.retry.lastError();
    }

    boolean isOld(JobStatus status) {
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
            log.info("Job answers again, recovery dropped job={} pid={} attempts={}", job.label(),
                    status.pid().getAsLong(), retry.failures());
            job.respawn = null;
        }
        trackRun(status);
        job.startNow();
        job.nudged = true;
        if (answered) {
            ready();
        } else {
            ticks.later(Duration.ZERO);
        }
    }

    /** The first ready answer: a respawn in progress ends here and is measured; a quarantine trial held. */
    void ready() {
        if (job.respawn != null) {
            RespawnRecord record = job.respawn.finish(job.now());
            job.history().respawn(record);
            metrics.respawned(job.label(), record.total());
            log.info("Job ready again job={} cause={} respawn_ms={} pid={}", job.label(), record.cause().tag(),
                    record.total().toMillis(), job.pid);
            job.respawn = null;
        } else {
            log.info("Job ready job={} pid={}", job.label(), job.pid);
        }
        restarter.recovered();
        job.resetLiveness();
        job.move(HealthState.READY);
        events.ready(job.label());
    }
}
