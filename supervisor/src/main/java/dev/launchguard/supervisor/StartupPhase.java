package dev.launchguard.supervisor;

import dev.launchguard.config.JobConfig;
import dev.launchguard.health.HealthState;
import dev.launchguard.health.ProcessEvidence;
import dev.launchguard.health.ProcessSample;
import dev.launchguard.health.WedgeVerdict;
import dev.launchguard.health.WedgeJudge;
import dev.launchguard.job.JobManager;
import dev.launchguard.job.JobStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STARTING and RECOVERING (with no retry pending): find the new instance, see its port open, wait
 * for its first answer at the ready gate, and judge a start that takes longer than its budget.
 */
final class StartupPhase {

    /** The watcher's logger: a job's whole story reads under one name, whichever phase tells it. */
    private static final Logger log = LoggerFactory.getLogger(JobWatcher.class);
    /** A job that shows no process this long into a recovery, and is not throttled, is kickstarted. */
    private static final Duration RESPAWN_NUDGE = Duration.ofSeconds(2);
    /** Loading progress is measured over windows of this length. */
    private static final Duration STARTUP_WINDOW = Duration.ofSeconds(10);

    private final JobConfig config;
    private final JobState job;
    private final TickChain ticks;
    private final JobProbes probes;
    private final RecoveryPhase recovery;
    private final ProcessLooks looks;
    private final JobManager jobs;
    private final WedgeJudge judge;

    StartupPhase(JobConfig config, JobState job, TickChain ticks, JobProbes probes, RecoveryPhase recovery,
            ProcessLooks looks, WatcherContext ctx) {
        this.config = config;
        this.job = job;
        this.ticks = ticks;
        this.probes = probes;
        this.recovery = recovery;
        this.looks = looks;
        this.jobs = ctx.jobs();
        this.judge = ctx.judge();
    }

    void tick() {
        long tickStart = job.nanos();
        boolean recovering = job.state == HealthState.RECOVERING;
        Duration interval = recovering || job.respawn != null ? config.recovery().fastInterval()
                : probes.gateConfig().interval();
        if (job.pid != 0 && looks.gone(job.pid)) {
            recovery.processGone("process " + job.pid + " exited before it was ready");
            return;
        }
        if (job.pid == 0 && !findInstance()) {
            ticks.later(interval);
            return;
        }
        if (job.respawn != null && !job.respawn.portOpen() && probes.port().isPresent()) {
            probes.port().get().attempt(probes.gateConfig().timeout()).thenAcceptAsync(ticks.guarded(r -> {
                if (r.up() && job.respawn != null) {
                    job.respawn.portOpened(job.now());
                }
            }), ticks.executor());
        }
        long attemptEpoch = ticks.epoch();
        probes.gate().attempt(probes.gateConfig().timeout()).thenAcceptAsync(ticks.guarded(r -> {
            if (!ticks.current(attemptEpoch)) {
                return;
            }
            job.gateFailures = r.up() ? 0 : job.gateFailures + 1;
            job.record(probes.gateRole(), r, job.gateFailures);
            if (job.state != HealthState.STARTING && job.state != HealthState.RECOVERING) {
                return;
            }
            if (r.up()) {
                recovery.ready();
                ticks.laterUnlessPending(job.remaining(interval, tickStart));
            } else {
                judge().thenRun(() -> ticks.laterUnlessPending(job.remaining(interval, tickStart)));
            }
        }), ticks.executor());
    }

    /** Looks for the job's process; nudges a job that nobody respawns. Returns true once one runs. */
    private boolean findInstance() {
        JobStatus status = jobs.status(config.label());
        // The job manager may still report the old instance for a moment after a kill.
        if (status.running() && !recovery.isOld(status)) {
            recovery.trackRun(status);
            return true;
        }
        boolean recovering = job.state == HealthState.RECOVERING;
        if (recovering && recovery.endedUnseen(status)) {
            return false;
        }
        boolean waited = job.since(job.startedNanos).compareTo(RESPAWN_NUDGE) > 0;
        if (recovering && status.running() && waited && !looks.gone(status.pid().getAsLong())) {
            // Still the instance this recovery replaces, and not known to be gone (a kill that did
            // not take, an end misread): waiting for a respawn would park the job unprobed.
            recovery.oldStillRuns(status.pid().getAsLong());
            return false;
        }
        if (recovering && !job.nudged && waited && status.throttledUntil().isEmpty()) {
            job.nudged = true;
            log.info("No respawn by the job manager, kickstarting job={}", config.label());
            recovery.respawn();
        }
        return false;
    }

    /**
     * Judges a start that is not ready yet. Past the budget, a process that still answers liveness
     * is alive but not ready: readiness alone never restarts anything, so it is left running. Only
     * {@code failureThreshold} consecutive liveness failures make it wedged, as for a running job.
     */
    private CompletableFuture<Void> judge() {
        if (!(looks.sample(job.pid) instanceof ProcessEvidence.Alive alive)) {
            return CompletableFuture.completedFuture(null);
        }
        ProcessSample now = alive.sample();
        if (job.startupWindow == null || job.nanos() - job.startupWindow.atNanos() > STARTUP_WINDOW.toNanos()) {
            job.startupWindow = job.startupWindow == null ? now : job.startupWindowNext;
            job.startupWindowNext = now;
        }
        Duration budget = job.state == HealthState.RECOVERING ? config.recovery().readyBudget() : config.startupBudget();
        WedgeVerdict v = judge.startup(job.since(job.startedNanos), budget, job.startupWindow, now);
        if (!v.isWedged()) {
            return CompletableFuture.completedFuture(null);
        }
        if (now.stopped() || probes.gateIsLiveness()) {
            recovery.wedged(v.evidence(), Duration.ZERO);
            return CompletableFuture.completedFuture(null);
        }
        return probes.liveness().attempt(config.liveness().timeout()).thenAcceptAsync(ticks.guarded(r -> {
            if (job.state != HealthState.STARTING && job.state != HealthState.RECOVERING) {
                return;
            }
            if (r.up()) {
                job.livenessFailures = 0;
                if (!job.aliveNotReadyLogged) {
                    job.aliveNotReadyLogged = true;
                    log.warn("Job alive but not ready past its startup budget, left running job={} ready_probe=\"{}\"",
                            config.label(), job.history().lastProbes().get(probes.gateRole()).detail());
                }
            } else if (++job.livenessFailures >= config.liveness().failureThreshold()) {
                recovery.wedged(v.evidence() + "; liveness failed " + job.livenessFailures + " times, last "
                        + r.outcome().tag() + ": " + r.detail(), Duration.ZERO);
            }
        }), ticks.executor());
    }
}
