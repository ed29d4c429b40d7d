package dev.launchguard.fleet;

import dev.launchguard.probe.ProbeRole;
import dev.launchguard.health.HealthState;
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
        Optional<Instant> startedAt,
        RestartCounts restartCounts) {

    public JobView {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(pid, "pid");
        lastProbes = Map.copyOf(lastProbes);
        restarts = List.copyOf(restarts);
        respawns = List.copyOf(respawns);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(restartCounts, "restartCounts");
    }

    /** The latest respawn, if any. */
    public Optional<RespawnRecord> lastRespawn() {
        return respawns.isEmpty() ? Optional.empty() : Optional.of(respawns.get(respawns.size() - 1));
    }
}
