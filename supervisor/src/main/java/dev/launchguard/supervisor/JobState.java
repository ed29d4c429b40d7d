package dev.launchguard.supervisor;

import dev.launchguard.health.HealthState;
import dev.launchguard.health.ProcessSample;
import java.time.Instant;

/**
 * The runtime state of one job, owned by its watcher's thread and never shared: the watcher
 * publishes {@link JobView} snapshots for everyone else.
 */
final class JobState {

    HealthState state = HealthState.STOPPED;
    Instant since;
    /** The current instance, 0 when none is known. */
    long pid;
    /** Looks at a dead instance while its exit event was awaited. */
    int goneChecks;
    Instant startedAt;
    boolean nudged;
    /** The job manager's run count as of the last instance this watcher saw (or counted as crashed unseen). */
    long seenRuns;

    int gateFailures;
    boolean aliveNotReadyLogged;
    int livenessFailures;
    int suspectSuccesses;
    ProcessSample firstFailure;
    Instant firstFailureAt;
    boolean graceLogged;
    String wedgeEvidence = "";

    ProcessSample startupWindow;
    ProcessSample startupWindowNext;

    /** The respawn being measured, null when none is in progress. */
    RespawnTracker respawn;
    /** A recovery whose kickstart failed and waits for its retry, null when none does. */
    RecoveryRetry retry;

    JobState(String label, Instant now) {
        this.since = now;
        this.startedAt = now;
    }

    void resetLiveness() {
        gateFailures = 0;
        aliveNotReadyLogged = false;
        livenessFailures = 0;
        suspectSuccesses = 0;
        firstFailure = null;
        firstFailureAt = null;
        graceLogged = false;
        startupWindow = null;
        startupWindowNext = null;
    }
}
