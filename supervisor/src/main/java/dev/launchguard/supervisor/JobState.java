package dev.launchguard.supervisor;

import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.ProbeView;
import dev.launchguard.fleet.QuarantineView;
import dev.launchguard.fleet.RestartCounts;
import dev.launchguard.health.HealthState;
import dev.launchguard.health.ProcessSample;
import dev.launchguard.metrics.Metrics;
import dev.launchguard.probe.ProbeResult;
import dev.launchguard.probe.ProbeRole;
import dev.launchguard.recovery.RecoveryRetry;
import dev.launchguard.time.Moment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime state of one job, owned by its watcher's thread and never shared: every phase reads
 * and changes it there, and {@link #publish()} hands everyone else a {@link JobView} snapshot,
 * replaced whole. Times that bound something (the start, the first failure) are monotonic nanos;
 * the wall clock only stamps what the view shows.
 */
final class JobState {

    /** The watcher's logger: a job's whole story reads under one name, whichever phase tells it. */
    private static final Logger log = LoggerFactory.getLogger(JobWatcher.class);

    private final String label;
    private final Metrics metrics;
    private final Clock clock;
    private final LongSupplier nanos;
    private final JobProbes probes;
    private final WatchHistory history = new WatchHistory();
    private final Duration readyBudget;
    private volatile JobView view;
    private RestartCounts publishedCounts = RestartCounts.NONE;

    HealthState state = HealthState.STOPPED;
    Instant since;
    /** The current instance, 0 when none is known. */
    long pid;
    /** When the current instance started, on the wall clock; meaningless while {@code pid} is 0. */
    Instant startedAt;
    /** Looks at a dead instance while its exit event was awaited. */
    int goneChecks;
    /** When the current start (or recovery) began, for the startup and ready budgets. */
    long startedNanos;
    boolean nudged;
    /** The job manager's run count as of the last instance this watcher saw (or counted as crashed unseen). */
    long seenRuns;

    int gateFailures;
    boolean aliveNotReadyLogged;
    int livenessFailures;
    int suspectSuccesses;
    ProcessSample firstFailure;
    long firstFailureNanos;
    boolean graceLogged;
    String wedgeEvidence = "";

    ProcessSample startupWindow;
    ProcessSample startupWindowNext;

    /** The respawn being measured, null when none is in progress. */
    RespawnTracker respawn;
    /** A recovery whose kickstart failed and waits for its retry, null when none does. */
    RecoveryRetry retry;

    /** Why the job is in its state, for the operator; cleared by every move. */
    private String reason;
    /** The command that acts on the state; cleared by every move. */
    private String hint;
    /** Set while QUARANTINED; cleared by every move. */
    private QuarantineView quarantine;

    JobState(String label, Metrics metrics, Clock clock, LongSupplier nanos, JobProbes probes, Duration readyBudget) {
        this.label = label;
        this.readyBudget = readyBudget;
        this.metrics = metrics;
        this.clock = clock;
        this.nanos = nanos;
        this.probes = probes;
        this.since = clock.instant();
        this.startedNanos = nanos.getAsLong();
        // A watcher started again for a changed job begins STOPPED: so does its exported state.
        metrics.jobState(label, state);
        publish();
    }

    String label() {
        return label;
    }

    /** Now, on both clocks. */
    Moment now() {
        return Moment.now(clock, nanos);
    }

    long nanos() {
        return nanos.getAsLong();
    }

    /** The monotonic time since {@code startNanos}. */
    Duration since(long startNanos) {
        return Duration.ofNanos(Math.max(0, nanos.getAsLong() - startNanos));
    }

    /** What is left of {@code interval} counted from {@code startNanos}; zero when it is over. */
    Duration remaining(Duration interval, long startNanos) {
        return Duration.ofNanos(Math.max(0, interval.toNanos() - (nanos.getAsLong() - startNanos)));
    }

    /** The start (or recovery) begins now. */
    void startNow() {
        startedNanos = nanos.getAsLong();
    }

    WatchHistory history() {
        return history;
    }

    JobView view() {
        return view;
    }

    OptionalLong currentPid() {
        return pidOf(pid);
    }

    static OptionalLong pidOf(long pid) {
        return pid == 0 ? OptionalLong.empty() : OptionalLong.of(pid);
    }

    /** Moves to {@code next} through the health state table; an illegal move throws naming both states. */
    void move(HealthState next) {
        if (state != next) {
            change(next);
            publish();
        }
    }

    /**
     * Moves to {@code next} saying why, and what command acts on it ({@code command} may be null),
     * in one snapshot: no reader sees the new state without its reason.
     */
    void move(HealthState next, String why, String command) {
        if (state == next) {
            explain(why, command);
            return;
        }
        change(next);
        reason = why;
        hint = command;
        publish();
    }

    /** Moves to QUARANTINED with its facts, reason and hint, in one snapshot. */
    void quarantine(QuarantineView facts, String why, String command) {
        if (state != HealthState.QUARANTINED) {
            change(HealthState.QUARANTINED);
        }
        quarantine = facts;
        reason = why;
        hint = command;
        publish();
    }

    private void change(HealthState next) {
        state = state.check(label, next);
        since = clock.instant();
        reason = null;
        hint = null;
        quarantine = null;
        metrics.jobState(label, next);
        if (next != HealthState.SUSPECT) {
            log.info("Job state changed job={} state={}", label, next.tag());
        }
    }

    /** Records a probe's answer: its metrics, the last result of its role, a new snapshot. */
    void record(ProbeRole role, ProbeResult r, int consecutiveFailures) {
        metrics.probeFinished(label, role, r);
        history.probe(role, new ProbeView(probes.target(role), r.outcome(), clock.instant(), r.duration(), r.status(),
                r.detail(), consecutiveFailures));
        publish();
    }

    /** Says why the job is in its state and, if any, what command acts on it; {@code hint} may be null. */
    void explain(String why, String command) {
        if (Objects.equals(why, reason) && Objects.equals(command, hint)) {
            // A STOPPED job says the same every idle poll: no new snapshot for nothing new.
            return;
        }
        reason = why;
        hint = command;
        publish();
    }

    /**
     * The job manager loaded the job again (a reset, the quarantine's trial, an enable, a run loaded
     * by hand): it counts runs from zero, and a run seen before is not this one.
     */
    void loadedAgain() {
        seenRuns = 0;
    }

    void publish() {
        publishedCounts = history.restartCounts(clock.instant());
        view = new JobView(label, state, since, pidOf(pid), history.lastProbes(), history.restarts(), history.respawns(),
                Optional.ofNullable(reason), Optional.ofNullable(hint), Optional.ofNullable(quarantine), readyBudget,
                pid == 0 ? Optional.empty() : Optional.ofNullable(startedAt), publishedCounts);
    }

    /** Publishes again when a restart has aged out of the hour or the day, so an idle job's counts stay true. */
    void refreshCounts() {
        if (!history.restartCounts(clock.instant()).equals(publishedCounts)) {
            publish();
        }
    }

    void resetLiveness() {
        gateFailures = 0;
        aliveNotReadyLogged = false;
        livenessFailures = 0;
        suspectSuccesses = 0;
        firstFailure = null;
        firstFailureNanos = 0;
        graceLogged = false;
        startupWindow = null;
        startupWindowNext = null;
    }
}
