package dev.launchguard.report;

import java.time.Instant;
import java.util.List;

/**
 * The last line of a chaos campaign's results: how the fleet looked after the last fault, and
 * whether the campaign passed.
 */
public record Verdict(Instant endedAt, int events, int recovered, boolean allReady, List<Orphan> orphans,
        List<Squatter> squatters, List<Duplicate> duplicates, List<UnprovokedRestart> unprovokedRestarts,
        boolean passed) {

    public Verdict {
        orphans = List.copyOf(orphans);
        squatters = List.copyOf(squatters);
        duplicates = List.copyOf(duplicates);
        unprovokedRestarts = List.copyOf(unprovokedRestarts);
    }

    /** A process of a job still alive after its job was replaced. */
    public record Orphan(String label, long pid, String command) {
    }

    /** A process holding a job's port that is not the job's current instance. */
    public record Squatter(String label, int port, long pid, String command) {
    }

    /** A job with more than one live instance. */
    public record Duplicate(String label, List<Long> pids) {
        public Duplicate {
            pids = List.copyOf(pids);
        }
    }

    /** A restart that no injected fault explains. */
    public record UnprovokedRestart(String label, Instant at, String cause) {
    }
}
