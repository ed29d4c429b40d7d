package dev.launchguard.recovery;

import dev.launchguard.job.JobManager;
import dev.launchguard.job.JobStatus;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restart act for one job: asks the storm guard, kickstarts (killing the old instance) or
 * boots the job out into quarantine, turns a failed kickstart into the {@link RecoveryRetry} it
 * leaves (one WARN line per failed attempt), and loads a quarantined job again for its one trial.
 * Holds no state of its own: the watcher keeps the retry and the job's health state, and records
 * the metrics.
 */
public final class Restarter {

    private static final Logger log = LoggerFactory.getLogger(Restarter.class);

    private final String label;
    private final JobManager jobs;
    private final StormGuard storm;
    private final LongSupplier nanos;

    public Restarter(String label, JobManager jobs, StormGuard storm, LongSupplier nanos) {
        this.label = label;
        this.jobs = jobs;
        this.storm = storm;
        this.nanos = nanos;
    }

    /**
     * Asks the storm guard whether a restart launchguard decided may happen now, and counts it if so.
     * Empty when it may; else {@link RestartOutcome.Quarantined} (the caller quarantines the job
     * through {@link #quarantine}) or {@link RestartOutcome.Deferred} (the host budget is spent; ask
     * again later). {@code guarded} is false only for a manual kickstart, which an operator asked for
     * and which is never refused.
     */
    public Optional<RestartOutcome> refused(boolean guarded) {
        if (!guarded) {
            return Optional.empty();
        }
        switch (storm.beforeRestart(label, true)) {
            case QUARANTINE:
                return Optional.of(new RestartOutcome.Quarantined());
            case DEFERRED:
                return Optional.of(new RestartOutcome.Deferred());
            default:
                return Optional.empty();
        }
    }

    /**
     * A crash was observed: the storm guard counts it (the host budget is not charged, nothing was
     * killed). Quarantined when that was one restart too many, else empty: the job manager or a
     * later {@link #respawn} starts the next instance.
     */
    public Optional<RestartOutcome> crashed() {
        return storm.beforeRestart(label, false) == RestartDecision.QUARANTINE
                ? Optional.of(new RestartOutcome.Quarantined()) : Optional.empty();
    }

    /** Kills the running instance and starts a new one. */
    public RestartOutcome kickstart(RestartReason reason) {
        return kickstart(reason, true, Optional.empty());
    }

    /** Starts an instance that nobody respawned, without killing anything. */
    public RestartOutcome respawn(RestartReason reason, Optional<RecoveryRetry> previous) {
        return kickstart(reason, false, previous);
    }

    /** The next attempt of a recovery whose kickstart failed. */
    public RestartOutcome retry(RecoveryRetry previous) {
        return kickstart(previous.reason(), previous.kill(), Optional.of(previous));
    }

    private RestartOutcome kickstart(RestartReason reason, boolean kill, Optional<RecoveryRetry> previous) {
        try {
            jobs.kickstart(label, kill);
            return new RestartOutcome.Kickstarted();
        } catch (RuntimeException e) {
            return new RestartOutcome.RetryPending(failed(reason, kill, previous, String.valueOf(e.getMessage())));
        }
    }

    /** An attempt of the recovery failed with {@code error}: the retry after {@code previous}, logged. */
    public RecoveryRetry failed(RestartReason reason, boolean kill, Optional<RecoveryRetry> previous, String error) {
        long now = nanos.getAsLong();
        RecoveryRetry retry = previous.map(p -> p.failedAgain(now, error))
                .orElseGet(() -> RecoveryRetry.first(reason, kill, now, error));
        log.warn("Recovery failed, retrying job={} reason={} attempt={} next_in_ms={}: {}", label, retry.reason().tag(),
                retry.failures(), retry.delay().toMillis(), error);
        return retry;
    }

    /** The instance the job manager reports as running, if any; a status that cannot be read reports none. */
    public Optional<JobStatus> running() {
        try {
            JobStatus status = jobs.status(label);
            return status.running() ? Optional.of(status) : Optional.empty();
        } catch (RuntimeException e) {
            log.debug("Job status unreadable while a recovery waits job={}: {}", label, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Too many restarts: boots the job out so it cannot loop (the caller raises the alert). The
     * backoff's trial is {@link #release}.
     */
    public void quarantine() {
        try {
            jobs.bootout(label);
        } catch (RuntimeException e) {
            log.error("Quarantined job could not be stopped job={}: {}", label, e.getMessage());
        }
    }

    /**
     * Once the quarantine's backoff is over, loads the job from {@code plist} again for its one
     * trial run; true when it was loaded. {@link #recovered} or the next restart decides the trial.
     */
    public boolean release(Path plist) {
        if (!storm.retryDue(label)) {
            return false;
        }
        log.info("Quarantine backoff over, trying the job once more job={}", label);
        if (storm.beforeRestart(label, true) != RestartDecision.ALLOWED) {
            return false;
        }
        try {
            jobs.bootstrap(plist);
            return true;
        } catch (RuntimeException e) {
            if (loaded()) {
                // Loaded meanwhile (by hand, or by launchd at a login): the trial runs all the same.
                log.info("Quarantine retry found the job already loaded job={}", label);
                return true;
            }
            log.error("Quarantine retry could not load the job job={}: {}", label, e.getMessage());
            return false;
        }
    }

    /**
     * The operator's way back from quarantine: loads the job from {@code plist} unless the job
     * manager has it, starts it unless it runs, and only then forgets its restarts in the storm guard,
     * so a job that could not be loaded stays quarantined with its trial still due. Throws the job
     * manager's error, naming the job.
     */
    public void reset(Path plist) {
        if (!loaded()) {
            jobs.bootstrap(plist);
        }
        if (!jobs.status(label).running()) {
            jobs.kickstart(label, false);
        }
        storm.reset(label);
    }

    /** Forgets the job's restarts in the storm guard (an operator enabled it again). */
    public void forgetRestarts() {
        storm.reset(label);
    }

    private boolean loaded() {
        try {
            return jobs.status(label).loaded();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The job became ready after a restart: a pending quarantine trial held. */
    public void recovered() {
        storm.recovered(label);
    }
}
