package dev.launchguard.supervisor;

import dev.launchguard.alert.SupervisorEvents;
import dev.launchguard.config.StormPolicy;
import dev.launchguard.health.HealthState;
import dev.launchguard.job.JobStatus;
import dev.launchguard.metrics.Metrics;
import dev.launchguard.recovery.RestartReason;
import dev.launchguard.recovery.Restarter;
import java.nio.file.Path;
import dev.launchguard.fleet.QuarantineView;
import dev.launchguard.fleet.RestartRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QUARANTINED: the storm guard tripped, so the job is booted out and held, looked at once per idle
 * poll; when the backoff is over it is loaded again for one trial, RECOVERING. The trial's ready
 * answer releases it; its next restart quarantines it again.
 */
final class QuarantinePhase {

    /** The watcher's logger: a job's whole story reads under one name, whichever phase tells it. */
    private static final Logger log = LoggerFactory.getLogger(JobWatcher.class);

    private final JobState job;
    private final TickChain ticks;
    private final Restarter restarter;
    private final Metrics metrics;
    private final StormPolicy policy;
    private final SupervisorEvents events;
    /** The job manager was seen without the job since the quarantine began: the bootout took. */
    private boolean seenUnloaded;

    QuarantinePhase(JobState job, TickChain ticks, Restarter restarter, Metrics metrics, StormPolicy policy,
            SupervisorEvents events) {
        this.job = job;
        this.ticks = ticks;
        this.restarter = restarter;
        this.metrics = metrics;
        this.policy = policy;
        this.events = events;
    }

    /**
     * Too many restarts: hold the job quarantined, boot it out, and look again after the idle poll.
     * The view shows no pid (the instance is gone or going), why, and when the trial comes.
     * The alert goes out now (one per quarantine spell: a trial that fails adds nothing); the job's
     * ready answers resolve it ({@link RecoveryPhase#ready}).
     */
    void enter(String evidence) {
        job.respawn = null;
        job.retry = null;
        job.pid = 0;
        seenUnloaded = false;
        Instant now = job.now().wall();
        Instant trial = now.plus(policy.backoff());
        Instant shown = trial.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        job.quarantine(new QuarantineView(now, evidence, policy.maxRestarts(), policy.window(), trial),
                policy.maxRestarts() + " restarts within " + policy.window().toSeconds() + " s: launchguard stopped "
                        + "restarting it and booted it out; last: " + evidence + "; one trial restart at " + shown,
                "launchguard reset " + job.label());
        metrics.quarantined(job.label(), true);
        log.error("ALERT job quarantined: storm guard tripped, restarts stopped job={} restarts_max={} window_s={} evidence=\"{}\"",
                job.label(), policy.maxRestarts(), policy.window().toSeconds(), evidence);
        events.quarantined(job.label(), evidence);
        restarter.quarantine();
        ticks.later(TickChain.IDLE_POLL);
    }

    /**
     * A quarantined job that the job manager runs again although launchguard booted it out was
     * brought back by someone ({@code launchctl bootstrap}, {@code launchctl kickstart}): launchguard
     * takes that as the operator's reset, forgets the restarts and watches the run from its start.
     * Returns true when it adopted one. A bootout that never took (the job was never seen unloaded)
     * adopts nothing: that is the storm still running, not an operator.
     */
    boolean adoptedRun(JobStatus status, RecoveryPhase recovery) {
        if (!status.loaded()) {
            seenUnloaded = true;
            return false;
        }
        if (!seenUnloaded || !status.running()) {
            return false;
        }
        log.info("Quarantined job started outside launchguard, watching it again job={} pid={}", job.label(),
                status.pid().getAsLong());
        restarter.forgetRestarts();
        metrics.quarantined(job.label(), false);
        job.loadedAgain();
        recovery.trackRun(status);
        job.startNow();
        job.move(HealthState.STARTING, "started outside launchguard while quarantined (launchctl bootstrap or "
                + "kickstart): watched again, its restarts forgotten", null);
        ticks.later(Duration.ZERO);
        return true;
    }

    /**
     * Once the backoff is over, loads the job again from {@code plist} for one trial. Returns true
     * when it was loaded (the watcher digests the plist again).
     */
    boolean tick(Path plist) {
        if (!restarter.release(plist)) {
            ticks.later(TickChain.IDLE_POLL);
            return false;
        }
        leave(RestartReason.QUARANTINE_RETRY, "the quarantine's backoff is over: one trial restart; the next "
                + "restart before it is READY quarantines it again");
        return true;
    }

    /**
     * The operator's way back ({@code launchguard reset}, or kickstart or enable of a quarantined
     * job): the job is loaded and started, its restarts forgotten, and it recovers like any restart,
     * measured, until READY. Throws the job manager's error and stays quarantined when it cannot be
     * loaded or started.
     */
    void reset(Path plist) {
        restarter.reset(plist);
        log.info("Quarantine reset by the operator job={}", job.label());
        String why = "reset from quarantine by the operator";
        Instant at = job.now().wall();
        job.history().restart(new RestartRecord(at, RestartReason.MANUAL, why, OptionalLong.empty(),
                java.util.Optional.empty()));
        metrics.restarted(job.label(), RestartReason.MANUAL, at);
        leave(RestartReason.MANUAL, why);
    }

    private void leave(RestartReason reason, String why) {
        metrics.quarantined(job.label(), false);
        job.respawn = new RespawnTracker(reason, job.now(), Duration.ZERO, OptionalLong.empty());
        job.loadedAgain();
        job.startNow();
        job.nudged = false;
        job.move(HealthState.RECOVERING, why, null);
        ticks.later(Duration.ZERO);
    }
}
