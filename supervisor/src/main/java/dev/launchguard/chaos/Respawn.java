package dev.launchguard.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One respawn as the running launchguard's API reports it (an element of a job's {@code respawns}):
 * which instance replaced which, why, and how long it took by launchguard's own measure.
 *
 * @param totalMillis launchguard's respawn latency, from the moment the old instance stopped serving
 *     to the new one's first ready probe
 * @param phases its parts (a phase the API did not report counts 0 ms)
 */
public record Respawn(long oldPid, long newPid, String cause, double totalMillis, Instant stoppedServingAt,
        RespawnPhases phases) {

    /** The newest respawn of {@code job} (the API's job object) that replaced {@code pid}. */
    public static Optional<Respawn> replacing(JsonNode job, long pid) {
        JsonNode respawns = job.path("respawns");
        for (int i = respawns.size() - 1; i >= 0; i--) {
            JsonNode r = respawns.get(i);
            if (r.path("oldPid").isNumber() && r.path("oldPid").asLong() == pid) {
                return Optional.of(of(r));
            }
        }
        return Optional.empty();
    }

    private static Respawn of(JsonNode r) {
        Map<String, Double> phases = new HashMap<>();
        r.path("phasesMs").fields().forEachRemaining(f -> phases.put(f.getKey(), f.getValue().asDouble()));
        return new Respawn(r.path("oldPid").asLong(), r.path("newPid").asLong(), r.path("cause").asText(),
                r.path("totalMs").asDouble(), Instant.parse(r.path("stoppedServingAt").asText()),
                RespawnPhases.byKey(phases));
    }

    /** When the new instance was first seen ready. */
    public Instant readyAt() {
        return stoppedServingAt.plusNanos((long) (totalMillis * 1_000_000));
    }

    /** From the injection to the first ready probe, in milliseconds; never below zero (clocks are read apart). */
    public double faultToReadyMillis(Instant faultAt) {
        return Math.max(0, Duration.between(faultAt, readyAt()).toNanos() / 1_000_000.0);
    }
}
