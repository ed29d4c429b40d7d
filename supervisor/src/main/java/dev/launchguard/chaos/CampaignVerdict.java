package dev.launchguard.chaos;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a campaign found at its end, the {@code verdict} line of the results: whether every fault was
 * recovered from, and nothing was left behind or restarted without cause.
 *
 * @param allReady every job READY at the end
 * @param orphans processes carrying a job's tag outside its current instance (its tree and its instance tag)
 * @param squatters listeners on a job's port that are neither its instance nor tagged as the job's
 * @param duplicates second instances: a stray running the same command line as the job's instance
 * @param unprovokedRestarts restarts launchguard made or saw that no injected fault explains
 * @param notReady the jobs not READY at the end, each with its state (results written before it was
 *     recorded read as empty)
 */
public record CampaignVerdict(Instant endedAt, int events, int recovered, boolean allReady, List<Stray> orphans,
        List<Stray> squatters, List<Duplicate> duplicates, List<UnprovokedRestart> unprovokedRestarts,
        List<String> notReady) {

    /** A process that should not be there, and why it is counted. */
    public record Stray(String label, long pid, int port, String command) {
        /** {@code port} is 0 unless the process squats one. */
        public Stray {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(command, "command");
        }
    }

    /** A job running twice: its instance and a stray with the same command line. */
    public record Duplicate(String label, List<Long> pids, String command) {
        public Duplicate {
            Objects.requireNonNull(label, "label");
            pids = List.copyOf(pids);
            Objects.requireNonNull(command, "command");
        }
    }

    /** A restart no fault explains, as launchguard recorded it; {@code oldPid} is 0 when unknown. */
    public record UnprovokedRestart(String label, Instant at, String cause, long oldPid) {
        public UnprovokedRestart {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(cause, "cause");
        }
    }

    public CampaignVerdict {
        Objects.requireNonNull(endedAt, "endedAt");
        orphans = List.copyOf(orphans);
        squatters = List.copyOf(squatters);
        duplicates = List.copyOf(duplicates);
        unprovokedRestarts = List.copyOf(unprovokedRestarts);
        notReady = List.copyOf(notReady);
    }

    public boolean passed() {
        return recovered == events && allReady && orphans.isEmpty() && squatters.isEmpty() && duplicates.isEmpty()
                && unprovokedRestarts.isEmpty();
    }
}
