package dev.launchguard.chaos;

import java.util.EnumMap;
import java.util.Map;

/** The duration of each {@link RespawnPhase} of one respawn, in milliseconds. */
public record RespawnPhases(Map<RespawnPhase, Double> millis) {

    public RespawnPhases {
        for (RespawnPhase phase : RespawnPhase.values()) {
            if (!millis.containsKey(phase)) {
                throw new IllegalArgumentException("phases lack '" + phase.key() + "': " + millis.keySet());
            }
        }
        millis = Map.copyOf(millis);
    }

    /** From the API's {@code phasesMs} by key; a phase it does not report counts 0 ms. */
    public static RespawnPhases byKey(Map<String, Double> millisByKey) {
        Map<RespawnPhase, Double> millis = new EnumMap<>(RespawnPhase.class);
        for (RespawnPhase phase : RespawnPhase.values()) {
            millis.put(phase, millisByKey.getOrDefault(phase.key(), 0.0));
        }
        return new RespawnPhases(millis);
    }

    public double of(RespawnPhase phase) {
        return millis.get(phase);
    }
}
