package dev.launchguard.supervisor;

import dev.launchguard.alert.SupervisorEvents;
import dev.launchguard.config.StormPolicy;
import dev.launchguard.health.HealthState;
import dev.launchguard.metrics.Metrics;
import dev.launchguard.recovery.RestartReason;
import dev.launchguard.recovery.Restarter;
import java.nio.file.Path;
import java.time.Duration;
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
     * The alert goes out now (one per quarantine spell: a trial that fails adds nothing); the job's
     * ready answers resolve it ({@link RecoveryPhase#ready}).
     */
    void enter(String evidence) {
        job.move(HealthState.QUARANTINED);
        metrics.quarantined(job.label(), true);
        log.error("ALERT job quarantined: storm guard tripped, restarts stopped job={} restarts_max={} window_s={} evidence=\"{}\"",
                job.label(), policy.maxRestarts(), policy.window().toSeconds(), evidence);
        events.quarantined(job.label(), evidence);
        restarter.quarantine();
        job.respawn = null;
        job.retry = null;
        job.pid = 0;
        ticks.later(TickChain.IDLE_POLL);
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
        metrics.quarantined(job.label(), false);
        job.respawn = new RespawnTracker(RestartReason.QUARANTINE_RETRY, job.now(), Duration.ZERO, OptionalLong.empty());
        job.startNow();
        job.nudged = false;
        job.move(HealthState.RECOVERING);
        ticks.later(Duration.ZERO);
        return true;
    }
}
