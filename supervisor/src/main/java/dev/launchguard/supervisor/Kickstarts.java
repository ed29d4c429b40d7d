package dev.launchguard.supervisor;

import dev.launchguard.job.JobManager;
import dev.launchguard.job.JobStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's kickstarts for a recovery: the job manager's call, a failure turned into the
 * {@link RecoveryRetry} it leaves (one WARN line per failed attempt), and the status read of a
 * recovery that waits for its retry, where a status that cannot be read reports nothing running.
 * Holds no state: the watcher keeps the retry.
 */
final class Kickstarts {

    private static final Logger log = LoggerFactory.getLogger(Kickstarts.class);

    private final String label;
    private final JobManager jobs;
    private final Clock clock;

    Kickstarts(String label, JobManager jobs, Clock clock) {
        this.label = label;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Kickstarts the job; empty when it went through, else the retry that follows {@code previous}. */
    Optional<RecoveryRetry> kickstart(String reason, boolean kill, Optional<RecoveryRetry> previous) {
        try {
            jobs.kickstart(label, kill);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(failed(reason, kill, previous, String.valueOf(e.getMessage())));
        }
    }

    /** An attempt of the recovery failed with {@code error}: the retry after {@code previous}, logged. */
    RecoveryRetry failed(String reason, boolean kill, Optional<RecoveryRetry> previous, String error) {
        Instant now = clock.instant();
        RecoveryRetry retry = previous.map(p -> p.failedAgain(now, error))
                .orElseGet(() -> RecoveryRetry.first(reason, kill, now, error));
        log.warn("Recovery failed, retrying job={} reason={} attempt={} next_in_ms={}: {}", label, retry.reason(),
                retry.failures(), retry.delay().toMillis(), error);
        return retry;
    }

    /** The instance the job manager reports as running, if any; a status that cannot be read reports none. */
    Optional<JobStatus> running() {
        try {
            JobStatus status = jobs.status(label);
            return status.running() ? Optional.of(status) : Optional.empty();
        } catch (RuntimeException e) {
            log.debug("Job status unreadable while a recovery waits job={}: {}", label, e.getMessage());
            return Optional.empty();
        }
    }
}
