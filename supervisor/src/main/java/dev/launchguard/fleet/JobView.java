package dev.launchguard.fleet;

import dev.launchguard.probe.ProbeRole;
import dev.launchguard.health.HealthState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A snapshot of one watched job, replaced whole by its watcher; what the API and CLI show.
 *
 * @param label the launchd Label
 * @param state the health state
 * @param since when the job entered {@code state}
 * @param pid the current instance, empty when none runs
 * @param lastProbes the latest result per probe role (startup, liveness, readiness)
 * @param restarts the most recent restarts, newest last, with the evidence behind each
 * @param respawns the most recent respawn latencies, newest last
 * @param reason why the job is in {@code state}, in an operator's words; empty when READY says it all
 * @param hint the command that acts on {@code state} (e.g. {@code launchguard enable LABEL}), if any
 * @param quarantine why, since when and until when the job is quarantined; empty unless QUARANTINED
 * @param readyBudget how long a start of this job may take to become ready (its startup budget):
 *     what an operator's action waits for at most
 * @param startedAt when the current instance started, empty when none runs (the uptime)
 * @param restartCounts the restarts in the last hour and day
 */
public record JobView(
        String label,
        HealthState state,
        Instant since,
        OptionalLong pid,
        Map<ProbeRole, ProbeView> lastProbes,
        List<RestartRecord> restarts,
        List<RespawnRecord> respawns,
        Optional<String> reason,
        Optional<String> hint,
        Optional<QuarantineView> quarantine,
        Duration readyBudget,
        Optional<Instant> startedAt,
        RestartCounts restartCounts) {

    /** How many restarts and respawns a view keeps, newest last: the bound on a job's history in memory. */
    public static final int HISTORY_KEPT = 20;

    /** A view with nothing to explain: no reason, no hint, no quarantine, a zero ready budget, no counts. */
    public JobView(String label, HealthState state, Instant since, OptionalLong pid, Map<ProbeRole, ProbeView> lastProbes,
            List<RestartRecord> restarts, List<RespawnRecord> respawns) {
        this(label, state, since, pid, lastProbes, restarts, respawns, Optional.empty(), RestartCounts.NONE);
    }

    /** A view with its uptime and restart counts, and nothing to explain. */
    public JobView(String label, HealthState state, Instant since, OptionalLong pid, Map<ProbeRole, ProbeView> lastProbes,
            List<RestartRecord> restarts, List<RespawnRecord> respawns, Optional<Instant> startedAt,
            RestartCounts restartCounts) {
        this(label, state, since, pid, lastProbes, restarts, respawns, Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ZERO, startedAt, restartCounts);
    }

    public JobView {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(pid, "pid");
        lastProbes = Map.copyOf(lastProbes);
        restarts = List.copyOf(restarts);
        respawns = List.copyOf(respawns);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(quarantine, "quarantine");
        Objects.requireNonNull(readyBudget, "readyBudget");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(restartCounts, "restartCounts");
    }

    /** The latest respawn, if any. */
    public Optional<RespawnRecord> lastRespawn() {
        return respawns.isEmpty() ? Optional.empty() : Optional.of(respawns.get(respawns.size() - 1));
    }
}
